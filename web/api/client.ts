// The one place the SPA calls fetch. Every failure becomes an ApiError (./errors.ts), so
// screens can say exactly what went wrong in the user's language.
import type { z } from "zod";
import { errorBody } from "#protocol";
import { ApiError, retryAfterSeconds } from "./errors.ts";

/** Called on any 401 from an authenticated route, so the session model can sign out. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RequestOptions {
  body?: unknown;
  /** Auth routes answer 401 for bad credentials; that must not end the (absent) session. */
  auth?: boolean;
}

/**
 * Sends a request and checks the response body against `schema`. A body that does not
 * match is logged and still returned: a newer server may add fields or tighten types, and
 * a chat that renders slightly off beats one that does not render at all.
 */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S | null,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { accept: "application/json" } };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, "content-type": "application/json" };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError("network", 0, e instanceof Error ? e.message : "network error");
  }
  const text = await res.text().catch(() => "");
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError("bad_response", res.status, "response is not JSON");
    }
  }
  if (!res.ok) throw failure(res.status, data, res.headers.get("retry-after"), options.auth !== false);
  if (!schema) return undefined as z.infer<S>;
  const checked = schema.safeParse(data);
  if (!checked.success) {
    console.warn(`qmessenger: ${method} ${path} answered outside the contract`, checked.error.issues);
    return data as z.infer<S>;
  }
  return checked.data;
}

/** The ApiError for a refused request (its parsed JSON body, if any); a 401 from an
 * authenticated route also ends the session. Shared with the uploads (api/media.ts). */
export function failure(status: number, data: unknown, retryAfter: string | null, authenticated = true): ApiError {
  const parsed = errorBody.safeParse(data);
  if (status === 401 && authenticated) onUnauthenticated?.();
  return parsed.success
    ? new ApiError(parsed.data.error.code, status, parsed.data.error.message, retryAfterSeconds(retryAfter), parsed.data.error.details)
    : new ApiError(status === 429 ? "rate_limited" : "internal", status, `HTTP ${status}`, retryAfterSeconds(retryAfter));
}
