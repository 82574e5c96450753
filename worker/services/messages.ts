// The HTTP side of a chat's history: every read and change goes through the chat's Durable
// Object, so HTTP and WebSocket clients share one order and one idempotency key space. The
// room answers refusals as outcomes; orThrow turns them into the documented HTTP errors.
import { orThrow } from "../lib/errors.ts";
import type { HistoryPage, HistoryQuery, Message, Reactors, Readers, Role, SendMessageBody, User } from "#protocol";
import { roomStub } from "./stubs.ts";

export const historyPage = (env: Env, chatId: string, viewerId: string, q: HistoryQuery): Promise<HistoryPage> =>
  roomStub(env, chatId).page(viewerId, q);

/** `created` is false for a retry of a stored clientId: the original comes back. */
export async function postMessage(env: Env, chatId: string, sender: User, body: SendMessageBody): Promise<{ message: Message; created: boolean }> {
  return orThrow(await roomStub(env, chatId).post(sender, body));
}

export async function editMessage(env: Env, chatId: string, user: User, seq: number, body: string): Promise<Message> {
  return orThrow(await roomStub(env, chatId).edit(user, seq, body));
}

/** The sender deletes their own message; a moderator (by `role`) anyone's. */
export async function deleteMessage(env: Env, chatId: string, user: User, role: Role, seq: number) {
  orThrow(await roomStub(env, chatId).remove(user, role, seq));
}

export async function react(env: Env, chatId: string, user: User, seq: number, emoji: string, on: boolean) {
  orThrow(await roomStub(env, chatId).react(user, seq, emoji, on));
}

export async function markRead(env: Env, chatId: string, userId: string, seq: number) {
  await roomStub(env, chatId).markRead(userId, seq);
}

export async function reactors(env: Env, chatId: string, seq: number): Promise<Reactors> {
  return orThrow(await roomStub(env, chatId).reactors(seq));
}

/** Who has read `seq`; the room refuses anyone but its sender. */
export async function readers(env: Env, chatId: string, viewerId: string, seq: number): Promise<Readers> {
  return orThrow(await roomStub(env, chatId).readers(viewerId, seq));
}
