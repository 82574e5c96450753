// What a failed request looks like to the rest of the app: the API's error code (docs/api.md
// "Conventions"), the HTTP status and, for 429, the Retry-After seconds, so screens can say
// exactly what went wrong in the user's language. No I/O here: views may import this module
// (to tell one failure from another) without reaching the network.
import type { ErrorCode } from "#protocol";

/** Codes the API sends, plus the client's own: no answer at all, or an answer we cannot read. */
export type ClientErrorCode = ErrorCode | "network" | "bad_response";

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    message: string,
    readonly retryAfter: number | null = null,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function isApiError(e: unknown, code?: ClientErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/**
 * Whole seconds to wait, from a Retry-After header: either a number of seconds or an HTTP
 * date. Rounded up (waiting 0.2 s too little earns another 429) and never negative (a date in
 * the past, from a skewed clock, means "now"); null when absent or unreadable.
 */
export function retryAfterSeconds(raw: string | null, now = Date.now()): number | null {
  if (!raw) return null;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, Math.ceil(secs));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
