// The objects of docs/api.md "Objects", as the server sends them.
import { z } from "zod";

export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  bio: z.string(),
  avatarUrl: z.string().nullable(),
  /** Our addition: the account was deleted. Its messages stay, shown as "Deleted account";
   * `username` is then empty (the name stays reserved, but is no longer shown). */
  deleted: z.boolean().optional(),
});
export type User = z.infer<typeof user>;

export const role = z.enum(["owner", "admin", "member"]);
export type Role = z.infer<typeof role>;

/** `kind` "file" (our addition) is anything that is neither an image nor a video: it is
 * served only as a download (docs/api.md "Media"). */
export const attachment = z.object({
  id: z.string(),
  kind: z.enum(["image", "video", "file"]),
  contentType: z.string(),
  size: z.number(),
  name: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  durationMs: z.number().nullable(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachment>;

export const reaction = z.object({ emoji: z.string(), count: z.number(), me: z.boolean() });
export type Reaction = z.infer<typeof reaction>;

export const message = z.object({
  chatId: z.string(),
  seq: z.number(),
  rev: z.number(),
  clientId: z.string().nullable(),
  kind: z.enum(["text", "system"]),
  sender: user.nullable(),
  body: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  /** `deleted` (an addition) tells a deleted original from one with no text. */
  replyTo: z.object({ seq: z.number(), sender: user.nullable(), excerpt: z.string(), deleted: z.boolean().optional() }).nullable(),
  attachments: z.array(attachment),
  reactions: z.array(reaction),
  /** Our addition: the current members this message mentions by @username, as the room
   * derived them from the text when it was sent or last edited (never taken from a client).
   * Absent when it mentions nobody. */
  mentions: z.array(z.object({ id: z.string(), username: z.string() })).optional(),
  /** Only on system messages: what happened, so clients can render it in their language. */
  system: z
    .object({
      event: z.enum(["joined", "left", "removed", "renamed", "ownership_transferred"]),
      actor: user.nullable(),
      target: user.nullable(),
      name: z.string().nullable(),
    })
    .optional(),
});
export type Message = z.infer<typeof message>;
export type SystemEvent = NonNullable<Message["system"]>;

export const chat = z.object({
  id: z.string(),
  kind: z.enum(["group", "direct"]),
  name: z.string(),
  visibility: z.enum(["private", "public"]),
  createdAt: z.string(),
  memberCount: z.number(),
  role: role.nullable(),
  lastSeq: z.number(),
  lastReadSeq: z.number(),
  unread: z.number(),
  /** Our addition: unread messages that mention the caller (the chat list's "@" badge). */
  unreadMentions: z.number(),
  muted: z.boolean(),
  lastMessage: message.nullable(),
  peer: user.nullable(),
});
export type Chat = z.infer<typeof chat>;

/** `lastReadSeq` is our addition: how far each member has read, for "read" ticks. */
export const member = z.object({ user, role, joinedAt: z.string(), lastReadSeq: z.number() });
export type Member = z.infer<typeof member>;

export const invite = z.object({
  id: z.string(),
  chat: z.object({ id: z.string(), name: z.string() }),
  from: user,
  to: user,
  createdAt: z.string(),
});
export type Invite = z.infer<typeof invite>;

export const session = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string(),
  current: z.boolean(),
});

/** An invite link; `expiresAt` and `maxUses` are null for "never" and "unlimited". */
export const link = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string().nullable(),
  maxUses: z.number().nullable(),
  uses: z.number(),
});
export type Link = z.infer<typeof link>;
