// The Chat object of API.md, as one user sees it: D1 has the chat and the membership, the
// chat's Durable Object has its messages, read marks and unread counts.
import { getDb } from "../db/client.ts";
import { findChatFor, type ChatRow } from "../db/chats.ts";
import { peersOf } from "../db/members.ts";
import { toUser, type UserRow } from "../db/users.ts";
import type { Chat, Role } from "#protocol";
import { roomStub } from "../rooms/stubs.ts";

export interface ChatRowView {
  chat: ChatRow;
  role: Role | null;
  muted: boolean | null;
  memberCount: number;
}

export async function toChat(env: Env, row: ChatRowView, userId: string, peer?: UserRow): Promise<Chat> {
  const summary = await roomStub(env, row.chat.id).summary(row.chat.id, userId);
  const member = row.role !== null;
  const direct = row.chat.kind === "direct";
  return {
    id: row.chat.id,
    kind: row.chat.kind,
    // A direct chat has no name of its own: each side sees the other person.
    name: direct ? (peer?.displayName ?? "") : row.chat.name,
    visibility: row.chat.visibility,
    createdAt: row.chat.createdAt,
    memberCount: row.memberCount,
    role: row.role,
    lastSeq: summary.lastSeq,
    // A non-member reading a public chat has no read mark: everything counts as read.
    lastReadSeq: member ? summary.lastReadSeq : summary.lastSeq,
    unread: member ? summary.unread : 0,
    muted: row.muted ?? false,
    lastMessage: summary.lastMessage,
    peer: direct && peer ? toUser(peer) : null,
  };
}

/** Many chats at once, with the peers of direct chats fetched in one query. */
export async function toChats(env: Env, rows: ChatRowView[], userId: string): Promise<Chat[]> {
  const direct = rows.filter((r) => r.chat.kind === "direct").map((r) => r.chat.id);
  const peers = await peersOf(getDb(env), direct, userId);
  return Promise.all(rows.map((r) => toChat(env, r, userId, peers.get(r.chat.id))));
}

/** The chat as `userId` sees it, or null if it does not exist. */
export async function chatView(env: Env, chatId: string, userId: string): Promise<Chat | null> {
  const row = await findChatFor(getDb(env), chatId, userId);
  return row ? (await toChats(env, [row], userId))[0]! : null;
}
