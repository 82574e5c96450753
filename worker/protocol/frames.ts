// The WebSocket protocol of a chat room and of the per-user inbox (docs/api.md "Real time").
// One discriminated union per direction; the room parses every client frame with it.
import { z } from "zod";
import { errorCodes } from "./errors.ts";
import { clientId, emoji, id, messageBody } from "./http.ts";
import { chat, invite, message, reaction, user } from "./models.ts";

const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const clientFrame = z.discriminatedUnion("type", [
  // client -> room: post a message; answered by `ack`, then `message` to every socket
  z.object({
    type: z.literal("send"),
    clientId,
    body: messageBody,
    replyTo: seq.optional(),
    attachmentIds: z.array(id).max(10).optional(),
  }),
  // client -> room: change the text of one's own message
  z.object({ type: z.literal("edit"), seq, body: messageBody.min(1) }),
  // client -> room: delete a message (sender, owner or admin)
  z.object({ type: z.literal("delete"), seq }),
  // client -> room: add or remove one's reaction
  z.object({ type: z.literal("react"), seq, emoji, on: z.boolean() }),
  // client -> room: "I am typing"; relayed to the others at most once per 3 s per user
  z.object({ type: z.literal("typing") }),
  // client -> room: move one's read mark forward
  z.object({ type: z.literal("read"), seq: z.number().int().min(0) }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

export const serverFrame = z.discriminatedUnion("type", [
  // room -> client: catch-up is over; everything after `rev` arrives live
  z.object({ type: z.literal("ready"), rev: z.number(), lastSeq: z.number(), online: z.array(z.string()) }),
  // room -> client, instead of catch-up: too far behind (more than limits.catchUpMax changed
  // messages); reload the history over HTTP, then go on live from `rev` (`ready` follows)
  z.object({ type: z.literal("reset"), rev: z.number(), lastSeq: z.number() }),
  // room -> client: a new message (or, in catch-up, the latest state of one the client lacks)
  z.object({ type: z.literal("message"), message }),
  // room -> client: a message's text changed
  z.object({ type: z.literal("edited"), message }),
  // room -> client: a message was deleted
  z.object({ type: z.literal("deleted"), seq: z.number(), rev: z.number() }),
  // room -> client: a message's reactions changed (`me` is computed for this socket's user)
  z.object({ type: z.literal("reactions"), seq: z.number(), rev: z.number(), reactions: z.array(reaction) }),
  // room -> sender: the send is stored (also for a duplicate clientId: the original seq)
  z.object({ type: z.literal("ack"), clientId: z.string(), seq: z.number(), rev: z.number() }),
  // room -> others: someone is typing
  z.object({ type: z.literal("typing"), user }),
  // room -> client: who has a socket open in this chat
  z.object({ type: z.literal("presence"), online: z.array(z.string()) }),
  // room -> client: a member's read mark moved
  z.object({ type: z.literal("read"), userId: z.string(), seq: z.number() }),
  // room -> client: someone in this chat changed their name, bio or picture (addition)
  z.object({ type: z.literal("profile"), user }),
  // room -> client: a frame was refused; the socket stays open
  z.object({
    type: z.literal("error"),
    code: z.enum(errorCodes),
    message: z.string(),
    clientId: z.string().optional(),
    /** With `rate_limited`: seconds until the next send is accepted. */
    retryAfter: z.number().optional(),
  }),
]);
export type ServerFrame = z.infer<typeof serverFrame>;

export const inboxFrame = z.discriminatedUnion("type", [
  // inbox -> client: a chat's list entry changed (new message, unread, rename, membership)
  z.object({ type: z.literal("chat"), chat }),
  // inbox -> client: the user is no longer in this chat
  z.object({ type: z.literal("chat_removed"), chatId: z.string() }),
  // inbox -> client: a new pending invite
  z.object({ type: z.literal("invite"), invite }),
  // inbox -> client: an invite was accepted, declined or withdrawn
  z.object({ type: z.literal("invite_removed"), id: z.string() }),
  // inbox -> client: the user, or someone who shares a chat with them, changed their name,
  // bio or picture (addition)
  z.object({ type: z.literal("profile"), user }),
]);
export type InboxFrame = z.infer<typeof inboxFrame>;

/** Close codes of the chat socket (and, for 4401 and 4409, of the inbox socket). */
export const closeCodes = {
  sessionEnded: 4401,
  removed: 4403,
  chatDeleted: 4404,
  /** The same user opened more sockets than allowed (limits.socketsPerUser): the oldest goes. */
  replaced: 4409,
  tooLarge: 1009,
  flooding: 1008,
} as const;
