// Who is calling a Durable Object's fetch (the WebSocket upgrades). The Worker has checked the
// session, the Origin and the membership, and says who the caller is in headers that only it
// can set: Durable Objects are not reachable from the internet. The objects still parse them
// with the protocol's schemas, like any input, rather than trusting their shape.
import { z } from "zod";
import { role, user, type Role, type User } from "#protocol";

const names = { user: "x-qm-user", role: "x-qm-role", version: "x-qm-roster-version", session: "x-qm-session", expires: "x-qm-session-expires" } as const;

/** The caller of a chat socket: their profile and role in the chat with the chat's roster
 * version that D1 returned in the same query (the room compares it with its own copy), and the
 * session that opens the socket (revoking it closes the socket) with that session's absolute
 * end. */
export interface RoomCaller {
  user: User;
  role: Role;
  rosterVersion: number;
  sessionId: string;
  /** ms since epoch */
  expiresAt: number;
}

/** Adds the caller of a chat socket to `headers`. Header values are bytes and a profile may hold
 * any script, so the profile travels as URI-encoded JSON. */
export function setRoomCaller(headers: Headers, caller: { user: User; role: Role; rosterVersion: number; sessionId: string; expiresAt: string }) {
  headers.set(names.user, encodeURIComponent(JSON.stringify(caller.user)));
  headers.set(names.role, caller.role);
  headers.set(names.version, String(caller.rosterVersion));
  headers.set(names.session, caller.sessionId);
  headers.set(names.expires, caller.expiresAt);
}

/** Adds the session of an inbox socket and its absolute end to `headers` (the inbox is the
 * user's own, by name). */
export function setInboxCaller(headers: Headers, caller: { sessionId: string; expiresAt: string }) {
  headers.set(names.session, caller.sessionId);
  headers.set(names.expires, caller.expiresAt);
}

const sessionId = z.string().min(1).max(64);
const inboxCaller = z.object({ sessionId, expiresAt: z.number().int().positive() });
const roomCaller = z.object({ user, role, rosterVersion: z.number().int().min(0), sessionId, expiresAt: z.number().int().positive() });

function jsonOf(encoded: string | null): unknown {
  try {
    return encoded === null ? undefined : JSON.parse(decodeURIComponent(encoded));
  } catch {
    return undefined;
  }
}

/** A whole number from a header; anything else (missing, empty, junk) fails the schema. */
const numberOf = (value: string | null) => (value !== null && /^\d{1,15}$/.test(value) ? Number(value) : NaN);

/** The caller of a chat socket, or null if a header is missing or malformed. */
export function readRoomCaller(headers: Headers): RoomCaller | null {
  const parsed = roomCaller.safeParse({
    user: jsonOf(headers.get(names.user)),
    role: headers.get(names.role),
    rosterVersion: numberOf(headers.get(names.version)),
    sessionId: headers.get(names.session),
    expiresAt: Date.parse(headers.get(names.expires) ?? ""),
  });
  return parsed.success ? parsed.data : null;
}

/** The session of an inbox socket and its end (ms since epoch), or null if missing or malformed. */
export function readInboxCaller(headers: Headers): { sessionId: string; expiresAt: number } | null {
  const parsed = inboxCaller.safeParse({ sessionId: headers.get(names.session), expiresAt: Date.parse(headers.get(names.expires) ?? "") });
  return parsed.success ? parsed.data : null;
}
