// What a deleted chat leaves outside its room: its D1 rows (the chat; its members, invites,
// links and direct pair go with it by cascade) and its R2 prefix. The room calls this itself
// (rooms/chat-room.ts `erase`), after it has marked itself deleted: first for the request that
// deletes the chat, and again from its alarm until it succeeds, so both steps must be safe to
// repeat (deleting what is already gone changes nothing).
import { getDb } from "../db/client.ts";
import { deleteChat } from "../db/members.ts";
import { chatMediaPrefix, deletePrefix } from "../media/store.ts";

export async function eraseChatStores(env: Env, chatId: string) {
  await deleteChat(getDb(env), chatId);
  await deletePrefix(env, chatMediaPrefix(chatId));
}
