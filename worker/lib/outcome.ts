// What a Durable Object's RPC method answers when the caller's request can be refused. A
// thrown error crosses the RPC boundary as a plain Error (its class, status and code are
// lost), so an expected refusal is a value; only the Worker turns it into an HTTP status
// (lib/errors.ts `orThrow`) and only the room turns it into a socket `error` frame.
import type { ErrorCode } from "#protocol";

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; retryAfter?: number };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, retryAfter?: number): Outcome<never> =>
  retryAfter === undefined ? { ok: false, code, message } : { ok: false, code, message, retryAfter };
