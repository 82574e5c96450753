// Typed stubs for the Durable Objects: one ChatRoom per chat id, one Inbox per user id.
// (`wrangler types` cannot see the classes' RPC methods, hence the casts.)
import type { Inbox } from "../inbox/inbox.ts";
import type { ChatRoom } from "./chat-room.ts";

export const roomStub = (env: Env, chatId: string) =>
  (env.CHAT_ROOM as unknown as DurableObjectNamespace<ChatRoom>).getByName(chatId);

export const inboxStub = (env: Env, userId: string) =>
  (env.INBOX as unknown as DurableObjectNamespace<Inbox>).getByName(userId);

/** Headers by which the Worker tells a Durable Object who is calling. Objects are not
 * reachable from the internet, so only the Worker can set them. */
export const identityHeaders = { chat: "x-qm-chat", user: "x-qm-user", role: "x-qm-role" } as const;
