// ChatRoom: one Durable Object per chat, addressed by the chat id. It alone assigns `seq` and
// `rev`, writes each change to its SQLite (messages.ts and the tables beside it) before
// acknowledging or broadcasting it, and holds the chat's WebSockets through the Hibernation API
// so idle rooms cost nothing.
//
// Hibernation means this object can be evicted between any two events while its sockets stay
// open. So nothing about a socket lives only in memory: who it belongs to is in its
// attachment, and the room's counters are re-read from SQLite by Messages' constructor.
// In-memory state here (typing throttles, rate buckets, pending inbox pokes) is allowed to
// vanish with an eviction: an evicted room has been idle, so there is nothing to throttle.
//
// This file is the object's whole surface: the Worker's RPC calls, the sockets and the alarm,
// over the operations they share. It runs past 300 lines so that every way into a room reads
// in one place; the tables, sockets, frames and inbox pokes are modules of their own.
import { DurableObject } from "cloudflare:workers";
import { readRoomCaller } from "../lib/identity.ts";
import { fail, ok, type Outcome } from "../lib/outcome.ts";
import { settings } from "../lib/settings.ts";
import { TokenBuckets } from "../lib/token-bucket.ts";
import { deleteObjects } from "../media/store.ts";
import { closeCodes, isModerator, limits, type ClientFrame, type HistoryQuery, type Message, type Role, type SearchCursor, type SystemEvent, type User } from "#protocol";
import { Attachments, toAttachment, type AttachmentRow } from "./attachments.ts";
import { catchUpFrames } from "./catch-up.ts";
import { readClientFrame, tooLarge } from "./client-frames.ts";
import { InboxPokes } from "./inbox-pokes.ts";
import { reactorsOf, readersOf } from "./message-info.ts";
import { Messages, type SendInput } from "./messages.ts";
import { Profiles } from "./profiles.ts";
import { Reactions } from "./reactions.ts";
import { ReadLog } from "./read-log.ts";
import { Roster } from "./roster.ts";
import { RoomSockets } from "./sockets.ts";

const UNSENT_UPLOAD_TTL_MS = 24 * 3600_000;

type Change = Extract<ClientFrame, { type: "edit" | "delete" | "react" }>;

export interface Summary {
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  lastMessage: Message | null;
}

export class ChatRoom extends DurableObject<Env> {
  /** The chat this room serves: the name the Worker reached it by (services/stubs.ts). */
  readonly chatId: string;
  messages: Messages;
  roster: Roster;
  readLog: ReadLog;
  profiles: Profiles;
  reactions: Reactions;
  attachments: Attachments;
  sockets: RoomSockets;
  pokes: InboxPokes;
  #limits = settings(this.env);
  #sendBuckets = new TokenBuckets(this.#limits.messageBurst, this.#limits.messagesPerMinute);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // A room reached by name knows that name in every event: RPC, a socket frame after
    // hibernation, the alarm (checked under local workerd, evictions included). Only an id
    // made from a string (idFromString) would lack it, and nothing addresses rooms that way.
    // (Rooms used to be told their chat id on every call and kept it in a `meta` table, which
    // older rooms still have and nothing reads.)
    if (ctx.id.name === undefined) throw new Error("a ChatRoom is addressed by its chat id (getByName)");
    this.chatId = ctx.id.name;
    const sql = ctx.storage.sql;
    this.profiles = new Profiles(sql);
    this.reactions = new Reactions(sql);
    this.attachments = new Attachments(sql);
    this.roster = new Roster(sql);
    this.readLog = new ReadLog(sql);
    this.messages = new Messages(sql, this.chatId, { profiles: this.profiles, reactions: this.reactions, attachments: this.attachments });
    this.sockets = new RoomSockets(ctx);
    this.pokes = new InboxPokes(ctx, env, this.chatId, () => this.sockets.online());
  }

  // ---- RPC from the Worker (it has checked the session and membership) -----------------
  // Refusals are outcomes, never throws: an error crosses RPC as a bare Error (lib/outcome.ts).

  summary(userId: string): Summary {
    const lastReadSeq = this.roster.readMark(userId);
    return {
      lastSeq: this.messages.lastSeq,
      lastReadSeq,
      unread: this.messages.unreadAfter(lastReadSeq, userId),
      lastMessage: this.messages.last(userId),
    };
  }

  readMarks() {
    return this.roster.readMarks();
  }

  page(viewerId: string, q: HistoryQuery) {
    return this.messages.page({ before: q.before, after: q.after, around: q.around, limit: q.limit ?? limits.historyDefault }, viewerId);
  }

  search(viewerId: string, q: string, limit: number, after?: SearchCursor) {
    return this.messages.search(q, limit, viewerId, after);
  }

  /** Who gave each reaction to a message. */
  reactors(seq: number) {
    return reactorsOf(this, seq);
  }

  /** Who has read one of the caller's messages, and when. */
  readers(viewerId: string, seq: number) {
    return readersOf(this, seq, viewerId);
  }

  post(user: User, input: SendInput) {
    this.profiles.remember(user);
    return this.#send(user, input);
  }

  edit(user: User, seq: number, body: string) {
    return this.#edit(user, seq, body);
  }

  remove(user: User, role: Role, seq: number) {
    return this.#change(user, role, { type: "delete", seq });
  }

  react(user: User, seq: number, emoji: string, on: boolean) {
    return this.#change(user, "member", { type: "react", seq, emoji, on });
  }

  markRead(userId: string, seq: number) {
    this.#read(userId, seq);
  }

  /** A member joined: their read mark starts at the end, and (except for the creator) the
   * history records it. */
  memberJoined(user: User, announce: boolean) {
    this.profiles.remember(user);
    this.roster.add(user.id, this.messages.lastSeq);
    if (announce) this.#system({ event: "joined", actor: user, target: null, name: null }, `${user.displayName} joined`);
    this.roster.markRead(user.id, this.messages.lastSeq, this.messages.lastSeq);
    this.readLog.moved(user.id, 0, this.roster.readMark(user.id));
  }

  /** A member left or was removed. Their open sockets close at once (4403): from now on
   * the Worker refuses them too, but a socket already open would otherwise keep receiving. */
  memberLeft(target: User, actor: User) {
    this.roster.remove(target.id);
    this.readLog.forget(target.id);
    this.sockets.close(closeCodes.removed, "removed from the chat", target.id);
    const self = actor.id === target.id;
    this.#system(
      self ? { event: "left", actor: target, target: null, name: null } : { event: "removed", actor, target, name: null },
      self ? `${target.displayName} left` : `${actor.displayName} removed ${target.displayName}`,
    );
    this.sockets.broadcast({ type: "presence", online: this.sockets.online() });
  }

  /** Sockets carry their user's role (it decides who may delete others' messages). */
  roleChanged(userId: string, role: Role) {
    this.sockets.setRole(userId, role);
  }

  ownershipTransferred(from: User, to: User) {
    this.sockets.setRole(from.id, "admin");
    this.sockets.setRole(to.id, "owner");
    this.#system({ event: "ownership_transferred", actor: from, target: to, name: null }, `${from.displayName} made ${to.displayName} the owner`);
  }

  renamed(actor: User, name: string) {
    this.#system({ event: "renamed", actor, target: null, name }, `${actor.displayName} renamed the chat to "${name}"`);
  }

  /** Tells members' inboxes that the chat's list entry changed (e.g. visibility). */
  touched() {
    this.pokes.poke(this.roster.ids());
  }

  /** An upload finished: it may now be attached to one message by its uploader. */
  async addAttachment(row: AttachmentRow) {
    this.attachments.add(row);
    // Uploads that never make it into a message are swept a day later (see alarm()).
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + UNSENT_UPLOAD_TTL_MS);
    return toAttachment(row);
  }

  /** Sweeps uploads left unsent for UNSENT_UPLOAD_TTL_MS, bytes included; re-arms while any remain. */
  override async alarm() {
    const before = new Date(Date.now() - UNSENT_UPLOAD_TTL_MS).toISOString();
    await deleteObjects(this.env, this.attachments.sweepUnsent(before));
    if (this.attachments.hasUnsent()) await this.ctx.storage.setAlarm(Date.now() + UNSENT_UPLOAD_TTL_MS / 4);
  }

  attachment(id: string) {
    return this.attachments.get(id) ?? null;
  }

  /** A thumbnail may arrive after its message was sent: the message then changes (new rev,
   * an `edited` frame), so live and catching-up clients both learn the thumbnail's URL. */
  setThumbnail(id: string, key: string): Outcome<null> {
    const attachment = this.attachments.get(id);
    if (!attachment) return fail("not_found", "No such attachment.");
    this.attachments.setThumbnail(id, key);
    if (attachment.seq !== null && this.messages.touch(attachment.seq)) this.#broadcastEdited(attachment.seq);
    return ok(null);
  }

  /** The user changed their name or picture: messages and open sockets show the new one.
   * (A socket's attachment is written at connect; without this it would keep the old one.) */
  profileChanged(user: User) {
    this.profiles.remember(user);
    for (const ws of this.sockets.all(user.id)) ws.serializeAttachment({ ...this.sockets.who(ws), user });
  }

  /** Sessions were revoked (sign-out, password change): their sockets close with 4401. */
  sessionsEnded(userId: string, sessionIds: string[]) {
    this.sockets.close(closeCodes.sessionEnded, "session ended", userId, sessionIds);
  }

  /** The chat is deleted: every socket closes with 4404 and the history is erased. */
  async destroy() {
    this.sockets.close(closeCodes.chatDeleted, "chat deleted");
    this.pokes.clear();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  // ---- sockets --------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const caller = readRoomCaller(request.headers);
    if (!caller) return new Response("missing identity", { status: 400 });
    this.profiles.remember(caller.user);

    const { 0: client, 1: server } = new WebSocketPair();
    this.sockets.accept(server, caller);
    // Catch-up and `ready` go out before this event ends: nothing can be appended in between,
    // so the client sees every change exactly once, in order.
    const since = new URL(request.url).searchParams.get("since");
    if (since !== null) {
      for (const frame of catchUpFrames((rev) => this.messages.changesSince(rev, caller.user.id), Number(since))) this.sockets.send(server, frame);
    }
    const online = this.sockets.online();
    this.sockets.send(server, { type: "ready", rev: this.messages.rev, lastSeq: this.messages.lastSeq, online });
    this.sockets.presenceChanged();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer) {
    // Cheapest checks first: a flood must not cost a parse per frame.
    if (tooLarge(raw, this.#limits.maxFrameBytes)) return ws.close(closeCodes.tooLarge, "frame too large");
    if (this.sockets.flooding(ws, this.#limits.socketFramesPer10Seconds)) return ws.close(closeCodes.flooding, "too many frames");
    const { user, role, expiresAt } = this.sockets.who(ws);
    if (Date.now() >= expiresAt) return ws.close(closeCodes.sessionEnded, "session expired");
    const read = readClientFrame(raw);
    if (!read.ok) return this.sockets.sendError(ws, read, read.clientId);
    const frame = read.frame;
    switch (frame.type) {
      case "send": {
        const result = this.#send(user, frame, ws);
        if (!result.ok) this.sockets.sendError(ws, result, frame.clientId);
        return;
      }
      case "typing":
        return this.sockets.typing(ws, user);
      case "read":
        return this.#read(user.id, frame.seq);
      case "edit":
      case "delete":
      case "react": {
        const result = this.#change(user, role, frame);
        if (!result.ok) this.sockets.sendError(ws, result);
        return;
      }
    }
  }

  override async webSocketClose(ws: WebSocket) {
    this.sockets.forget(ws);
    this.sockets.presenceChanged();
  }

  override async webSocketError(ws: WebSocket) {
    await this.webSocketClose(ws);
  }

  // ---- the operations, shared by RPC and sockets -----------------------------------------

  #send(user: User, input: SendInput, ws?: WebSocket) {
    // A retry of a stored message is answered even when over the limit: it costs nothing.
    const existing = this.messages.byClientId(input.clientId);
    const retryAfter = existing ? null : this.#sendBuckets.take(user.id);
    if (retryAfter !== null) return fail("rate_limited", `Too many messages. Try again in ${retryAfter} s.`, retryAfter);
    const result = this.messages.append(user, input, existing);
    if (!result.ok) return result;
    const { message, created } = result.value;
    // Sending a message means the sender has read everything up to it.
    if (created) this.#markRead(user.id, message.seq);
    if (ws) this.sockets.send(ws, { type: "ack", clientId: input.clientId, seq: message.seq, rev: message.rev });
    if (created) {
      this.sockets.typingEnded(user.id);
      this.sockets.broadcast({ type: "message", message });
      this.pokes.poke(this.roster.ids(), message);
    }
    return result;
  }

  #change(user: User, role: Role, frame: Change): Outcome<unknown> {
    switch (frame.type) {
      case "edit":
        return this.#edit(user, frame.seq, frame.body);
      case "delete": {
        const result = this.messages.delete(user.id, isModerator(role), frame.seq);
        if (result.ok) {
          const { seq, rev, mediaKeys } = result.value;
          if (mediaKeys.length) this.ctx.waitUntil(deleteObjects(this.env, mediaKeys));
          this.sockets.broadcast({ type: "deleted", seq, rev });
          this.pokes.poke(this.roster.ids());
        }
        return result;
      }
      case "react": {
        const result = this.messages.react(user.id, frame.seq, frame.emoji, frame.on);
        if (result.ok && result.value.changed) {
          const { seq, rev } = result.value;
          this.sockets.broadcastPerUser((viewer) => ({ type: "reactions", seq, rev, reactions: this.reactions.of(seq, viewer) }));
        }
        return result;
      }
    }
  }

  #edit(user: User, seq: number, body: string): Outcome<Message> {
    const result = this.messages.edit(user.id, seq, body);
    if (result.ok) this.#broadcastEdited(seq);
    return result;
  }

  /** Every socket gets the message's latest state as its user sees it (reactions' `me`). */
  #broadcastEdited(seq: number) {
    this.sockets.broadcastPerUser((viewer) => {
      const found = this.messages.find(seq, viewer);
      return found.ok ? { type: "edited", message: found.value } : null;
    });
  }

  /** Moves a read mark forward and logs when it moved (for the sender's "read by"). */
  #markRead(userId: string, seq: number): number | null {
    const from = this.roster.readMark(userId);
    const moved = this.roster.markRead(userId, seq, this.messages.lastSeq);
    if (moved !== null) this.readLog.moved(userId, from, moved);
    return moved;
  }

  #read(userId: string, seq: number) {
    const moved = this.#markRead(userId, seq);
    if (moved === null) return;
    this.sockets.broadcast({ type: "read", userId, seq: moved });
    this.pokes.poke([userId]);
  }

  #system(event: SystemEvent, body: string) {
    const message = this.messages.appendSystem(event, body);
    this.sockets.broadcast({ type: "message", message });
    this.pokes.poke(this.roster.ids());
  }
}
