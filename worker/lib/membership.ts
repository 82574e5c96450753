// Leaving, removal and deletion touch three places that must agree: D1 (who is a member),
// the chat's Durable Object (open sockets, history) and each affected user's Inbox.
import { getDb } from "../db/client.ts";
import { deleteChat, memberIds, otherMemberCount, removeMember } from "../db/members.ts";
import type { User } from "#protocol";
import { inboxStub, roomStub } from "../rooms/stubs.ts";

/** R2 keys of a chat's media all start with this prefix (see the media routes). */
export const chatMediaPrefix = (chatId: string) => `chats/${chatId}/`;

/** Deletes a chat everywhere: sockets close with 4404, history and media are erased. */
export async function destroyChat(env: Env, chatId: string) {
  const db = getDb(env);
  const ids = await memberIds(db, chatId);
  await deleteChat(db, chatId);
  await roomStub(env, chatId).destroy();
  await deletePrefix(env.MEDIA, chatMediaPrefix(chatId));
  await Promise.allSettled(ids.map((id) => inboxStub(env, id).notify({ type: "chat_removed", chatId })));
}

/** `target` leaves (actor = target) or is removed by `actor`. The last member out deletes the chat. */
export async function removeFromChat(env: Env, chatId: string, target: User, actor: User) {
  const db = getDb(env);
  if ((await otherMemberCount(db, chatId, target.id)) === 0) return destroyChat(env, chatId);
  await removeMember(db, chatId, target.id);
  await roomStub(env, chatId).memberLeft(chatId, target, actor);
  await inboxStub(env, target.id).notify({ type: "chat_removed", chatId });
}

async function deletePrefix(bucket: R2Bucket, prefix: string) {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
