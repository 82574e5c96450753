// The caller of a Durable Object's socket, as the Worker writes it into headers and the object
// reads it back (lib/identity.ts). The object trusts nothing it cannot parse.
import { describe, expect, it } from "vitest";
import type { User } from "#protocol";
import { readInboxCaller, readRoomCaller, setInboxCaller, setRoomCaller } from "../../../worker/lib/identity.ts";

const anna: User = { id: "u1", username: "anna", displayName: "Анна 👩‍💻 \"A\"", bio: "line\nbreak", avatarUrl: null };
const expiresAt = "2026-12-31T00:00:00.000Z";

describe("a chat socket's caller", () => {
  it("arrives as sent, a profile in any script included", () => {
    const headers = new Headers();
    setRoomCaller(headers, { user: anna, role: "admin", rosterVersion: 7, sessionId: "s1", expiresAt });
    expect(readRoomCaller(headers)).toEqual({ user: anna, role: "admin", rosterVersion: 7, sessionId: "s1", expiresAt: Date.parse(expiresAt) });
  });

  it("is nobody when a header is missing or malformed", () => {
    const good = () => {
      const h = new Headers();
      setRoomCaller(h, { user: anna, role: "member", rosterVersion: 0, sessionId: "s1", expiresAt });
      return h;
    };
    const cases: [string, (h: Headers) => void][] = [
      ["no user", (h) => h.delete("x-qm-user")],
      ["user not JSON", (h) => h.set("x-qm-user", "%7Bnot json")],
      ["user not URI-encoded", (h) => h.set("x-qm-user", "%E0%A4%A")],
      ["user without a username", (h) => h.set("x-qm-user", encodeURIComponent(JSON.stringify({ ...anna, username: undefined })))],
      ["a role that does not exist", (h) => h.set("x-qm-role", "superuser")],
      ["no roster version", (h) => h.delete("x-qm-roster-version")],
      ["an empty roster version", (h) => h.set("x-qm-roster-version", "")],
      ["a roster version that is not a whole number", (h) => h.set("x-qm-roster-version", "1.5")],
      ["a negative roster version", (h) => h.set("x-qm-roster-version", "-1")],
      ["no session", (h) => h.delete("x-qm-session")],
      ["an expiry that is not a date", (h) => h.set("x-qm-session-expires", "soon")],
    ];
    for (const [what, spoil] of cases) {
      const h = good();
      spoil(h);
      expect(readRoomCaller(h), what).toBeNull();
    }
  });
});

describe("an inbox socket's caller", () => {
  it("is the session that opened it with the session's end, or nobody", () => {
    const headers = new Headers();
    setInboxCaller(headers, { sessionId: "s2", expiresAt: "2026-12-31T00:00:00.000Z" });
    expect(readInboxCaller(headers)).toEqual({ sessionId: "s2", expiresAt: Date.parse("2026-12-31T00:00:00.000Z") });
    expect(readInboxCaller(new Headers())).toBeNull();
    headers.set("x-qm-session-expires", "soon");
    expect(readInboxCaller(headers)).toBeNull();
  });
});
