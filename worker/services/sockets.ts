// WebSocket upgrades, once the Worker has checked the session, the Origin and the membership:
// the request goes on to the chat's room or the user's inbox with the caller's identity in
// headers that only the Worker can set (Durable Objects are not reachable from the internet).
import type { Role, User } from "#protocol";
import type { SessionInfo } from "../types.ts";
import { identityHeaders, inboxStub, roomStub } from "./stubs.ts";

export function openChatSocket(env: Env, request: Request, chatId: string, who: { user: User; role: Role; session: SessionInfo }, since?: number) {
  const forward = new URL(`https://room/ws`);
  if (since !== undefined) forward.searchParams.set("since", String(since));
  const headers = new Headers(request.headers);
  headers.set(identityHeaders.chat, chatId);
  // Header values are bytes: the profile may hold any script, so it travels URI-encoded.
  headers.set(identityHeaders.user, encodeURIComponent(JSON.stringify(who.user)));
  headers.set(identityHeaders.role, who.role);
  headers.set(identityHeaders.session, who.session.id);
  headers.set(identityHeaders.expires, who.session.expiresAt);
  return roomStub(env, chatId).fetch(new Request(forward, { headers }));
}

export function openInboxSocket(env: Env, request: Request, userId: string, session: SessionInfo) {
  const headers = new Headers(request.headers);
  headers.set(identityHeaders.user, userId);
  headers.set(identityHeaders.session, session.id);
  return inboxStub(env, userId).fetch(new Request("https://inbox/events", { headers }));
}
