// The JSON bodies of the HTTP API's successful answers (docs/api.md, route by route). The
// Worker checks its `c.json(...)` calls against these types at compile time (no parse per
// response); clients may parse with the schemas.
import { z } from "zod";
import { attachment, chat, invite, link, member, message, role, session, user } from "./models.ts";

/** register, login, GET/PATCH /api/me, the avatar routes, GET /api/users/:username */
export const userResponse = z.object({ user });
export type UserResponse = z.infer<typeof userResponse>;

/** GET /api/users?q= */
export const usersResponse = z.object({ users: z.array(user) });
export type UsersResponse = z.infer<typeof usersResponse>;

/** GET /api/auth/sessions */
export const sessionsResponse = z.object({ sessions: z.array(session) });
export type SessionsResponse = z.infer<typeof sessionsResponse>;

/** Creating, joining, changing, muting or opening one chat */
export const chatResponse = z.object({ chat });
export type ChatResponse = z.infer<typeof chatResponse>;

/** GET /api/chats, GET /api/chats/discover */
export const chatsResponse = z.object({ chats: z.array(chat) });
export type ChatsResponse = z.infer<typeof chatsResponse>;

/** Why a direct chat is closed to new messages, as its reader is told (our addition):
 * the other person's account was deleted, the reader blocked them, or the other person
 * blocked the reader. The last says no more than a refused send would. */
export const closedReason = z.enum(["account_deleted", "you_blocked", "blocked"]);
export type ClosedChatReason = z.infer<typeof closedReason>;

/** GET /api/chats/:id: members by join time, each with their read mark; `closed` (our
 * addition) only on a direct chat that is closed to new messages. */
export const chatDetail = z.object({ chat, members: z.array(member), closed: closedReason.optional() });
export type ChatDetail = z.infer<typeof chatDetail>;

/** PATCH /api/chats/:id/members/:userId */
export const memberResponse = z.object({ member: z.object({ user, role }) });
export type MemberResponse = z.infer<typeof memberResponse>;

/** POST /api/chats/:id/invites */
export const inviteResponse = z.object({ invite });
export type InviteResponse = z.infer<typeof inviteResponse>;

/** GET /api/invites */
export const invitesResponse = z.object({ invites: z.array(invite) });
export type InvitesResponse = z.infer<typeof invitesResponse>;

/** POST /api/chats/:id/links */
export const linkResponse = z.object({ link });
export type LinkResponse = z.infer<typeof linkResponse>;

/** GET /api/chats/:id/links */
export const linksResponse = z.object({ links: z.array(link) });
export type LinksResponse = z.infer<typeof linksResponse>;

/** GET /api/links/:token: what a link leads to, before joining */
export const linkPreview = z.object({ chat: z.object({ id: z.string(), name: z.string(), memberCount: z.number() }) });
export type LinkPreview = z.infer<typeof linkPreview>;

/** GET /api/chats/:id/messages: `rev` is where a socket opened with `?since=` continues. With
 * `around`, `hasMore` is about older messages and `hasNewer` about newer ones. */
export const historyPage = z.object({ messages: z.array(message), hasMore: z.boolean(), hasNewer: z.boolean().optional(), rev: z.number() });
export type HistoryPage = z.infer<typeof historyPage>;

/** POST and PATCH of one message */
export const messageResponse = z.object({ message });
export type MessageResponse = z.infer<typeof messageResponse>;

/** At most this many people are listed per reaction (the count says how many there are). */
export const reactorsMax = 50;

/** GET /api/chats/:id/messages/:seq/reactions: who gave each reaction, in order of first use;
 * `users` in the order they reacted, at most `reactorsMax`. */
export const reactorsResponse = z.object({ reactions: z.array(z.object({ emoji: z.string(), count: z.number(), users: z.array(user) })) });
export type ReactorsResponse = z.infer<typeof reactorsResponse>;
export type Reactors = ReactorsResponse["reactions"];

/** GET /api/chats/:id/messages/:seq/readers (the sender only): members whose read mark passed
 * the message, with when it did (null: longer ago than the room remembers). */
export const readersResponse = z.object({ readers: z.array(z.object({ user, readAt: z.string().nullable() })) });
export type ReadersResponse = z.infer<typeof readersResponse>;
export type Readers = ReadersResponse["readers"];

/** GET /api/search: newest first; a direct chat is named after the peer. `nextCursor` asks for
 * the page after this one (null: there is none). */
export const searchResults = z.object({
  results: z.array(z.object({ chat: z.object({ id: z.string(), name: z.string() }), message })),
  nextCursor: z.string().nullable(),
});
export type SearchResults = z.infer<typeof searchResults>;

/** POST /api/chats/:id/media */
export const attachmentResponse = z.object({ attachment });
export type AttachmentResponse = z.infer<typeof attachmentResponse>;

/** GET /api/chats/:id/uploads: the caller's own uploads not yet sent, oldest first */
export const uploadsResponse = z.object({ attachments: z.array(attachment) });
export type UploadsResponse = z.infer<typeof uploadsResponse>;

/** GET /api/push/key */
/** GET /api/me/export: everything the account holds, as one JSON download. `messages` are the
 * caller's own, per chat, oldest first; `truncated` is true where a chat had more than the
 * export's bound (exportLimits). */
export const exportLimits = { pageSize: 500, messagesPerChat: 20_000 } as const;
export const exportedMessage = z.object({
  seq: z.number(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  body: z.string(),
  replyTo: z.number().nullable(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number() })),
});
export type ExportedMessage = z.infer<typeof exportedMessage>;
export const accountExport = z.object({
  exportedAt: z.string(),
  profile: user.extend({ createdAt: z.string() }),
  blocked: z.array(user),
  chats: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["group", "direct"]),
      name: z.string(),
      role: role,
      joinedAt: z.string(),
      messages: z.array(exportedMessage),
      truncated: z.boolean(),
    }),
  ),
});
export type AccountExport = z.infer<typeof accountExport>;

export const pushKeyResponse = z.object({ publicKey: z.string() });
export type PushKeyResponse = z.infer<typeof pushKeyResponse>;

/** GET /api/health */
export const healthResponse = z.object({ ok: z.literal(true), version: z.string() });
export type HealthResponse = z.infer<typeof healthResponse>;
