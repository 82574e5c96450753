// Protocol objects for the web unit tests: complete, valid values with only what a test is
// about spelled out at the call.
import type { Chat, Invite, Member, Message, User } from "#protocol";

export function user(id: string, displayName = id.toUpperCase()): User {
  return { id, username: id, displayName, bio: "", avatarUrl: null };
}

/** A text message in chat c1, sent at `createdAt` (default: seq minutes past 10:00 UTC). */
export function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    chatId: "c1",
    seq,
    rev: seq,
    clientId: null,
    kind: "text",
    sender: user("ann"),
    body: `message ${seq}`,
    createdAt: new Date(Date.UTC(2026, 10, 20, 10, seq)).toISOString(),
    editedAt: null,
    deleted: false,
    replyTo: null,
    attachments: [],
    reactions: [],
    ...over,
  };
}

export function chat(id: string, over: Partial<Chat> = {}): Chat {
  return {
    id,
    kind: "group",
    name: `Chat ${id}`,
    visibility: "private",
    createdAt: "2026-11-01T09:00:00.000Z",
    memberCount: 2,
    role: "member",
    lastSeq: 0,
    lastReadSeq: 0,
    unread: 0,
    unreadMentions: 0,
    muted: false,
    lastMessage: null,
    peer: null,
    ...over,
  };
}

export function member(u: User, over: Partial<Member> = {}): Member {
  return { user: u, role: "member", joinedAt: "2026-11-01T09:00:00.000Z", lastReadSeq: 0, ...over };
}

export function invite(id: string, chatId: string, over: Partial<Invite> = {}): Invite {
  return { id, chat: { id: chatId, name: `Chat ${chatId}` }, from: user("ann"), to: user("ben"), createdAt: "2026-11-20T09:00:00.000Z", ...over };
}
