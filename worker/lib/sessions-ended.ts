// A revoked session must not keep listening: API.md's close code 4401 "session ended".
// Sockets are checked once, at the upgrade, so revocation reaches into every room the user
// is in and into their inbox. Revocation is rare; a loop over the user's chats is fine.
import { getDb } from "../db/client.ts";
import { listChatsOf } from "../db/chats.ts";
import { inboxStub, roomStub } from "../rooms/stubs.ts";

export async function closeSessionSockets(env: Env, userId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return;
  const chats = await listChatsOf(getDb(env), userId);
  await Promise.allSettled([
    inboxStub(env, userId).sessionsEnded(sessionIds),
    ...chats.map(({ chat }) => roomStub(env, chat.id).sessionsEnded(chat.id, userId, sessionIds)),
  ]);
}
