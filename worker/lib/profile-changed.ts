// Rooms keep a copy of each sender's profile (to render messages without D1): a name or
// picture change is sent to every room the user is in.
import { getDb } from "../db/client.ts";
import { listChatsOf } from "../db/chats.ts";
import type { User } from "#protocol";
import { roomStub } from "../rooms/stubs.ts";

export async function spreadProfile(env: Env, user: User) {
  const chats = await listChatsOf(getDb(env), user.id);
  await Promise.allSettled(chats.map(({ chat }) => roomStub(env, chat.id).profileChanged(chat.id, user)));
}
