// Making and changing chats: D1 first (it decides who is a member), then the chat's room,
// which records what its members will see, then, in the background, other people's tabs.
import { getDb } from "../db/client.ts";
import { createChat, updateChat } from "../db/chats.ts";
import { getOrCreateDirect } from "../db/direct.ts";
import { setMuted } from "../db/members.ts";
import { toUser, type UserRow } from "../db/users.ts";
import type { Chat, CreateChatBody, PatchChatBody, User } from "#protocol";
import { inBackground, type Scope } from "./calls.ts";
import { toChat } from "./chat-view.ts";
import { inboxStub, roomStub } from "./stubs.ts";

/** A group chat with `owner` as its only member. Nothing is recorded in its history. */
export async function createGroupChat(env: Env, owner: User, body: CreateChatBody): Promise<Chat> {
  const chat = await createChat(getDb(env), { name: body.name, visibility: body.visibility ?? "private", ownerId: owner.id });
  await roomStub(env, chat.id).memberJoined(owner, { role: "owner", version: chat.rosterVersion, announce: false });
  return toChat(env, { chat, role: "owner", muted: false, memberCount: 1 }, owner.id);
}

/** Renames a group chat and/or changes its visibility. A new name is recorded as a `renamed`
 * system message; a visibility change records nothing but refreshes every member's list. */
export async function changeChat(env: Env, chat: { id: string; name: string }, actor: User, body: PatchChatBody) {
  // Renaming to the same name is no rename: no system message.
  const name = body.name !== undefined && body.name !== chat.name ? body.name : undefined;
  await updateChat(getDb(env), chat.id, { name, visibility: body.visibility });
  const room = roomStub(env, chat.id);
  if (name) await room.renamed(actor, name);
  else await room.touched();
}

/** The one direct chat of `me` and `peer`: made on first use, the existing one after that. */
export async function openDirectChat(scope: Scope, me: User, peer: UserRow): Promise<{ chatId: string; created: boolean }> {
  const { env } = scope;
  const opened = await getOrCreateDirect(getDb(env), me.id, peer.id);
  if (opened.created) {
    const room = roomStub(env, opened.chatId);
    await room.memberJoined(me, { role: "member", version: opened.version, announce: false });
    await room.memberJoined(toUser(peer), { role: "member", version: opened.version, announce: false });
    // The peer's open tabs learn of the new conversation now, not at its first message.
    inBackground(scope, "inbox.chatChanged", peer.id, inboxStub(env, peer.id).chatChanged(opened.chatId));
  }
  return opened;
}

/** Mutes or unmutes a chat for `userId`. The user's other tabs and devices show it at once:
 * their Inbox re-reads the chat and sends them its entry. */
export async function muteChat(scope: Scope, chatId: string, userId: string, muted: boolean): Promise<void> {
  await setMuted(getDb(scope.env), chatId, userId, muted);
  inBackground(scope, "inbox.chatChanged", userId, inboxStub(scope.env, userId).chatChanged(chatId));
}
