// The Chat object of docs/api.md "Objects", as one user sees it: D1 has the chat and the
// membership, the chat's Durable Object has its messages, read marks and unread counts.
import { hasBlocked } from "../db/blocks.ts";
import { getDb } from "../db/client.ts";
import { findChatFor, listMembers, type ChatRow } from "../db/chats.ts";
import { peersOf } from "../db/members.ts";
import { toUser, type UserRow } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import type { Chat, ChatDetail, ClosedChatReason, Role } from "#protocol";
import type { Summary } from "../rooms/summary.ts";
import { roomStub } from "./stubs.ts";

export interface ChatRowView {
  chat: ChatRow;
  role: Role | null;
  muted: boolean | null;
  memberCount: number;
}

/** `known`: the room's summary for this user when the caller has it already (a room's poke). */
export async function toChat(env: Env, row: ChatRowView, userId: string, peer?: UserRow, known?: Summary): Promise<Chat> {
  const summary = known ?? (await roomStub(env, row.chat.id).summary(userId));
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
    unreadMentions: member ? summary.unreadMentions : 0,
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

/** One chat, with the peer of a direct chat fetched. */
async function viewChat(env: Env, row: ChatRowView, userId: string, summary?: Summary): Promise<Chat> {
  const peer = row.chat.kind === "direct" ? (await peersOf(getDb(env), [row.chat.id], userId)).get(row.chat.id) : undefined;
  return toChat(env, row, userId, peer, summary);
}

/** The chat as `userId` sees it, or null if it does not exist. `summary`: see toChat. */
export async function findChatView(env: Env, chatId: string, userId: string, summary?: Summary): Promise<Chat | null> {
  const row = await findChatFor(getDb(env), chatId, userId);
  return row ? viewChat(env, row, userId, summary) : null;
}

/** The chat as `userId` sees it; 404 `not_found` if it is gone (deleted meanwhile). */
export async function getChatView(env: Env, chatId: string, userId: string): Promise<Chat> {
  const chat = await findChatView(env, chatId, userId);
  if (!chat) throw apiError("not_found");
  return chat;
}

/** Why a direct chat is closed to `userId`, or undefined while it is open. It mirrors the
 * room's own mark (rooms/closed.ts, set by services/blocks.ts and account.ts) from D1, where
 * the blocks are, so the app can show why instead of a composer whose sends would be refused.
 * Telling someone they were blocked ("blocked") says no more than their next send would. */
async function closedFor(env: Env, chat: Chat, userId: string): Promise<ClosedChatReason | undefined> {
  const peer = chat.peer;
  if (chat.kind !== "direct" || chat.role === null || !peer) return undefined;
  if (peer.deleted) return "account_deleted";
  const db = getDb(env);
  const [mine, theirs] = await Promise.all([hasBlocked(db, userId, peer.id), hasBlocked(db, peer.id, userId)]);
  return mine ? "you_blocked" : theirs ? "blocked" : undefined;
}

/** GET /api/chats/:id: the chat, and its members by join time with their read marks (which
 * only the room has); a closed direct chat says why. */
export async function chatDetail(env: Env, row: ChatRowView, userId: string): Promise<ChatDetail> {
  const [chat, members, reads] = await Promise.all([
    viewChat(env, row, userId),
    listMembers(getDb(env), row.chat.id),
    roomStub(env, row.chat.id).readMarks(),
  ]);
  const list = members.map((m) => ({ user: toUser(m.user), role: m.role, joinedAt: m.joinedAt, lastReadSeq: reads[m.user.id] ?? 0 }));
  const closed = await closedFor(env, chat, userId);
  return closed ? { chat, members: list, closed } : { chat, members: list };
}
