// WebSocket upgrades, once the Worker has checked the session, the Origin and the membership:
// the request goes on to the chat's room or the user's inbox, with the caller in headers that
// only the Worker can set (lib/identity.ts).
import { setInboxCaller, setRoomCaller } from "../lib/identity.ts";
import type { Role, User } from "#protocol";
import type { SessionInfo } from "../types.ts";
import { inboxStub, roomStub } from "./stubs.ts";

/** `who.rosterVersion` is the chat's roster version from the same D1 query as the membership
 * check: the room compares it with its own copy and refuses an upgrade it knows is stale. */
export function openChatSocket(
  env: Env,
  request: Request,
  chatId: string,
  who: { user: User; role: Role; rosterVersion: number; session: SessionInfo },
  query: { since?: number | undefined; reads?: "batch" | undefined },
) {
  const forward = new URL("https://room/ws");
  if (query.since !== undefined) forward.searchParams.set("since", String(query.since));
  if (query.reads) forward.searchParams.set("reads", query.reads);
  const headers = new Headers(request.headers);
  setRoomCaller(headers, { user: who.user, role: who.role, rosterVersion: who.rosterVersion, sessionId: who.session.id, expiresAt: who.session.expiresAt });
  return roomStub(env, chatId).fetch(new Request(forward, { headers }));
}

export function openInboxSocket(env: Env, request: Request, userId: string, session: SessionInfo) {
  const headers = new Headers(request.headers);
  setInboxCaller(headers, { sessionId: session.id, expiresAt: session.expiresAt });
  return inboxStub(env, userId).fetch(new Request("https://inbox/events", { headers }));
}
