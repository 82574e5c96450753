// A revoked session must not keep listening: docs/api.md close code 4401 "session ended".
// Sockets are checked once, at the upgrade, so revocation reaches into every room the user is
// in and into their inbox. It is awaited and settled (calls.ts): when sign-out answers, the
// sockets are closed, and one room that fails to answer does not keep the others open.
// Revocation is rare; a loop over the user's chats is fine.
import { getDb } from "../db/client.ts";
import { listChatsOf } from "../db/chats.ts";
import { settle } from "./calls.ts";
import { inboxStub, roomStub } from "./stubs.ts";

export async function closeSessionSockets(env: Env, userId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return;
  const chats = await listChatsOf(getDb(env), userId);
  await Promise.all([
    settle("inbox.sessionsEnded", [userId], (id) => inboxStub(env, id).sessionsEnded(sessionIds)),
    settle("room.sessionsEnded", chats.map(({ chat }) => chat.id), (chatId) => roomStub(env, chatId).sessionsEnded(userId, sessionIds)),
  ]);
}
