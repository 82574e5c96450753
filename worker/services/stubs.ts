// Stubs for the Durable Objects: one ChatRoom per chat id, one Inbox per user id. Each object
// is addressed by name, so it knows its own (ctx.id.name) and no call has to tell it.
// Imported only by this folder and by the objects themselves (calls.ts says why).
export const roomStub = (env: Env, chatId: string) => env.CHAT_ROOM.getByName(chatId);

export const inboxStub = (env: Env, userId: string) => env.INBOX.getByName(userId);
