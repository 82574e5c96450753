// How long the sign-in screen counts down after a 429: the Retry-After header read as the
// API may send it (docs/api.md "Conventions": seconds; HTTP allows a date too).
import { describe, expect, it } from "vitest";
import { ApiError, isApiError, retryAfterSeconds } from "../../../../web/api/errors.ts";

describe("Retry-After", () => {
  const now = Date.parse("2026-11-20T12:00:00Z");

  it("reads whole seconds as they are", () => {
    expect(retryAfterSeconds("42", now)).toBe(42);
    expect(retryAfterSeconds("0", now)).toBe(0);
  });

  it("rounds a fraction of a second up, so the wait is never too short", () => {
    expect(retryAfterSeconds("1.2", now)).toBe(2);
  });

  it("reads an HTTP date as the seconds left until it", () => {
    expect(retryAfterSeconds("Fri, 20 Nov 2026 12:01:30 GMT", now)).toBe(90);
  });

  it("waits no time for a date already past", () => {
    expect(retryAfterSeconds("Fri, 20 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("has no answer for a missing or unreadable header", () => {
    expect(retryAfterSeconds(null, now)).toBe(null);
    expect(retryAfterSeconds("", now)).toBe(null);
    expect(retryAfterSeconds("soon", now)).toBe(null);
  });
});

describe("telling failures apart", () => {
  it("matches an API error by its code, and nothing else", () => {
    const taken = new ApiError("username_taken", 409, "taken");
    expect(isApiError(taken)).toBe(true);
    expect(isApiError(taken, "username_taken")).toBe(true);
    expect(isApiError(taken, "weak_password")).toBe(false);
    expect(isApiError(new Error("boom"))).toBe(false);
    expect(isApiError({ code: "username_taken" }, "username_taken")).toBe(false);
  });
});
