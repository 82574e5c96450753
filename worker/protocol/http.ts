// Request bodies of the HTTP API (docs/api.md), validated at the Worker's edge, and the fields
// they share with paths, queries (params.ts) and socket frames (frames.ts).
import { z } from "zod";
import { EMOJI_MAX_LENGTH, isEmoji } from "./emoji.ts";

export const limits = {
  usernameMin: 3,
  usernameMax: 32,
  passwordMin: 8,
  passwordMax: 256,
  displayNameMax: 64,
  bioMax: 500,
  chatNameMax: 100,
  bodyMax: 4000,
  historyDefault: 50,
  historyMax: 100,
  /** Attachments in one message. */
  attachmentsMax: 10,
  /** An upload's `name`, in characters. */
  uploadNameMax: 200,
  /** Open sockets of one user in one chat, and inbox sockets of one user: a new one beyond
   * this closes that user's oldest (4409). */
  socketsPerUser: 20,
  /** A reconnecting chat socket is replayed at most this many changed messages; further
   * behind, it gets `reset` and reloads over HTTP. */
  catchUpMax: 1000,
  /** Different emoji under one message; adding a 21st is 409 `too_many_reactions`. */
  reactionsPerMessage: 20,
  /** People one message can mention (notify, count in their "@" badge); more are plain text. */
  mentionsPerMessage: 20,
  /** Push subscriptions one user keeps; a new one beyond this replaces their oldest. */
  pushSubscriptionsPerUser: 10,
} as const;

/** Text as people type it: a lone UTF-16 surrogate is not text. It cannot be stored as UTF-8,
 * so SQLite would keep U+FFFD instead and history would differ from what went out live. */
export const text = () => z.string().refine((s) => !/\p{Cs}/u.test(s), { message: "must be well-formed Unicode text" });

/** Every id the server makes (users, chats, invites, sessions, attachments) and link tokens:
 * opaque to clients, and short enough to refuse junk before any lookup. */
export const id = z.string().min(1).max(64);

/** Usernames are case-insensitive: accepted in any case, stored and returned lowercase. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    new RegExp(`^[a-z0-9_]{${limits.usernameMin},${limits.usernameMax}}$`),
    `${limits.usernameMin}-${limits.usernameMax} characters: a-z, 0-9 and _`,
  );

/** Length is checked by the route, so that a short password is `weak_password`. */
export const password = text().max(limits.passwordMax);

const displayName = text().trim().min(1).max(limits.displayNameMax);

export const registerBody = z.object({
  username,
  password,
  displayName: displayName.optional(),
});
export type RegisterBody = z.infer<typeof registerBody>;

export const loginBody = z.object({
  username: z.string().trim().toLowerCase().max(64),
  password: text().max(limits.passwordMax),
});
export type LoginBody = z.infer<typeof loginBody>;

export const passwordChangeBody = z.object({ currentPassword: text().max(limits.passwordMax), newPassword: password });

export const profilePatchBody = z.object({
  displayName: displayName.optional(),
  bio: text().trim().max(limits.bioMax).optional(),
});
export type ProfilePatchBody = z.infer<typeof profilePatchBody>;

export const chatName = text().trim().min(1).max(limits.chatNameMax);
export const visibility = z.enum(["private", "public"]);

export const createChatBody = z.object({ name: chatName, visibility: visibility.optional() });
export type CreateChatBody = z.infer<typeof createChatBody>;

export const inviteBody = z.object({ username });

/** Message text: trimmed; may be empty only when attachments are given. */
export const messageBody = text().trim().max(limits.bodyMax);
export const clientId = z.uuid();

export const sendMessageBody = z
  .object({
    clientId,
    body: messageBody,
    replyTo: z.number().int().min(1).optional(),
    attachmentIds: z.array(id).max(limits.attachmentsMax).optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0, {
    message: "body must not be empty",
    path: ["body"],
  });
export type SendMessageBody = z.infer<typeof sendMessageBody>;

export const editMessageBody = z.object({ body: messageBody.min(1) });

export const readBody = z.object({ seq: z.number().int().min(0) });

/** One RGI emoji (see emoji.ts). */
export const emoji = z.string().max(EMOJI_MAX_LENGTH).refine(isEmoji, { message: "one emoji (an RGI emoji sequence)" });

export const patchChatBody = z
  .object({ name: chatName.optional(), visibility: visibility.optional() })
  .refine((b) => b.name !== undefined || b.visibility !== undefined, { message: "nothing to change", path: ["name"] });
export type PatchChatBody = z.infer<typeof patchChatBody>;

export const chatSettingsBody = z.object({ muted: z.boolean() });

export const createLinkBody = z.object({
  expiresInHours: z.number().int().min(1).max(24 * 365).optional(),
  maxUses: z.number().int().min(1).max(100_000).optional(),
});
export type CreateLinkBody = z.infer<typeof createLinkBody>;

export const memberRoleBody = z.object({ role: z.enum(["owner", "admin", "member"]) });

export const directBody = z.object({ username });

/** Deleting one's own account: the username typed again (so it is not one click) and the
 * password (so a session left open on a shared computer cannot do it). */
export const deleteAccountBody = z.object({ username: z.string().max(64), password: text().max(limits.passwordMax) });
export type DeleteAccountBody = z.infer<typeof deleteAccountBody>;

const base64urlBytes = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "base64url")
    .refine((s) => Math.floor((s.length * 3) / 4) === bytes, { message: `${bytes} bytes` });

export const pushSubscriptionBody = z.object({
  endpoint: z.url({ protocol: /^https$/ }).max(2000),
  keys: z.object({ p256dh: base64urlBytes(65), auth: base64urlBytes(16) }),
});

export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBody>;

export const pushUnsubscribeBody = z.object({ endpoint: z.string().max(2000) });
