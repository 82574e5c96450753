// The one shape of an error log line (wrangler tail, Logpush): JSON, what failed and where, and
// the error's name and message. Never a request body, a token or a stack: callers pass ids and
// paths with credentials already taken out.
export function errorLine(msg: string, fields: Record<string, string>, err: unknown): string {
  return JSON.stringify({ level: "error", msg, ...fields, error: err instanceof Error ? `${err.name}: ${err.message}` : "unknown" });
}
