// One way to fail a request: throw `apiError(...)`; app.onError turns it into the documented
// error body. Anything else that escapes becomes a 500 `internal` without a stack or message.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody, ErrorCode } from "#protocol";
import type { Outcome } from "./outcome.ts";

const defaultMessages: Record<ErrorCode, string> = {
  invalid_request: "The request is not valid.",
  weak_password: "Choose a longer or less common password.",
  unauthenticated: "Sign in first.",
  invalid_credentials: "Wrong username or password.",
  forbidden: "You are not allowed to do that.",
  bad_origin: "Cross-site requests are not allowed.",
  not_found: "Not found.",
  username_taken: "That username is taken.",
  already_member: "Already a member of this chat.",
  already_invited: "Already invited to this chat.",
  owner_must_transfer: "Transfer ownership before leaving the chat.",
  too_many_reactions: "This message has as many different reactions as it can take.",
  too_large: "Too large.",
  unsupported_media_type: "That type of file is not allowed.",
  rate_limited: "Too many requests. Try again later.",
  internal: "Something went wrong.",
};

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  weak_password: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  bad_origin: 403,
  not_found: 404,
  username_taken: 409,
  already_member: 409,
  already_invited: 409,
  owner_must_transfer: 409,
  too_many_reactions: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export function errorBody(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return { error: { code, message: message ?? defaultMessages[code], ...(details === undefined ? {} : { details }) } };
}

export function errorResponse(code: ErrorCode, opts: { message?: string; details?: unknown; headers?: HeadersInit } = {}) {
  const headers = new Headers(opts.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(errorBody(code, opts.message, opts.details)), { status: statusOf[code], headers });
}

/** An HTTPException whose response is already the documented error body. */
export function apiError(code: ErrorCode, opts: { message?: string; details?: unknown; headers?: HeadersInit } = {}) {
  return new HTTPException(statusOf[code], { res: errorResponse(code, opts) });
}

/** Same as apiError, for an explicit Retry-After (seconds). */
export function rateLimited(retryAfterSeconds: number, message?: string) {
  return apiError("rate_limited", {
    message: message ?? `Too many attempts. Try again in ${retryAfterSeconds} s.`,
    details: { retryAfter: retryAfterSeconds },
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}

/** The value of a Durable Object's outcome, or its refusal as the documented HTTP error. */
export function orThrow<T>(result: Outcome<T>): T {
  if (result.ok) return result.value;
  if (result.code === "rate_limited") throw rateLimited(result.retryAfter ?? 1, result.message);
  throw apiError(result.code, { message: result.message });
}
