// ChatRoom: one Durable Object per chat, addressed by the chat id. It alone assigns `seq` and
// `rev`, writes each change to its SQLite (messages.ts and the tables beside it) before
// acknowledging or broadcasting it, and holds the chat's WebSockets through the Hibernation API
// so idle rooms cost nothing.
//
// Hibernation means this object can be evicted between any two events while its sockets stay
// open. So nothing about a socket lives only in memory: who it belongs to is in its
// attachment (kept in memory too, read once per wake: sockets.ts), and the room's counters
// are re-read from SQLite by Messages' constructor.
// In-memory state here (typing throttles, rate buckets, pending inbox pokes) is allowed to
// vanish with an eviction: an evicted room has been idle, so there is nothing to throttle.
//
// A deleted chat's room (tombstone.ts) answers every call as "no such chat": writes and
// upgrades are refused, reads are empty, notices change nothing. It builds none of its tables,
// so a woken deleted room neither writes nor regrows storage.
//
// This file is the object's whole surface: the Worker's RPC calls, the sockets and the alarm,
// over the operations they share. It runs past 300 lines so that every way into a room reads
// in one place; the tables, sockets, frames and inbox pokes are modules of their own.
import { DurableObject } from "cloudflare:workers";
import { readRoomCaller } from "../lib/identity.ts";
import { fail, ok, type Outcome } from "../lib/outcome.ts";
import { settings } from "../lib/settings.ts";
import { TokenBuckets } from "../lib/token-bucket.ts";
import { errorLine } from "../lib/log.ts";
import { RETRY_MS } from "../lib/job-plan.ts";
import { deleteObjects } from "../media/store.ts";
import { eraseChatStores } from "../services/chat-erase.ts";
import { inboxStub } from "../services/stubs.ts";
import {
  closeCodes,
  exportLimits,
  isModerator,
  limits,
  type Attachment,
  type ClientFrame,
  type ExportedMessage,
  type HistoryQuery,
  type Message,
  type Reactors,
  type Readers,
  type Role,
  type SearchCursor,
  type SystemEvent,
  type User,
} from "#protocol";
import { Attachments, toAttachment, type AttachmentRow } from "./attachments.ts";
import { catchUpFrames } from "./catch-up.ts";
import { Closed, type ClosedReason } from "./closed.ts";
import { readClientFrame, tooLarge } from "./client-frames.ts";
import { EndedSessions } from "./ended-sessions.ts";
import { InboxPokes } from "./inbox-pokes.ts";
import { reactorsOf, readersOf } from "./message-info.ts";
import { resolveMentions } from "./mentions.ts";
import { Messages, type SendInput } from "./messages.ts";
import { Profiles } from "./profiles.ts";
import { Reactions } from "./reactions.ts";
import { ReadBatch, type ReadMove } from "./read-batch.ts";
import { ReadLog } from "./read-log.ts";
import { Roster } from "./roster.ts";
import { Scheduler } from "./scheduler.ts";
import type { Summary } from "./summary.ts";
import { RoomSockets } from "./sockets.ts";
import { Tombstone } from "./tombstone.ts";
import { UploadKeys } from "./upload-keys.ts";

const UNSENT_UPLOAD_TTL_MS = 24 * 3600_000;
/** A deletion that the request which started it did not finish is finished this much later. */
const ERASE_AFTER_MS = 60_000;

const gone = () => fail("not_found", "No such chat.");

type Change = Extract<ClientFrame, { type: "edit" | "delete" | "react" }>;

export class ChatRoom extends DurableObject<Env> {
  /** The chat this room serves: the name the Worker reached it by (services/stubs.ts). */
  readonly chatId: string;
  // The tables: not built in a deleted room (every entry point checks #deleted first).
  messages!: Messages;
  roster!: Roster;
  readLog!: ReadLog;
  profiles!: Profiles;
  reactions!: Reactions;
  attachments!: Attachments;
  uploadKeys!: UploadKeys;
  scheduler!: Scheduler;
  ended!: EndedSessions;
  closed!: Closed;
  sockets: RoomSockets;
  pokes: InboxPokes;
  reads: ReadBatch;
  #tombstone: Tombstone;
  #deleted: boolean;
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
    this.sockets = new RoomSockets(ctx);
    this.pokes = new InboxPokes(ctx, {
      online: () => this.sockets.online(),
      summarize: (ids) => this.#summaries(ids),
      live: (seq) => !this.#deleted && this.messages.isLive(seq),
      call: (userId, push, summary) => inboxStub(env, userId).chatChanged(this.chatId, push, summary),
      wait: (ms) => scheduler.wait(ms),
    });
    this.reads = new ReadBatch(ctx, (moves) => this.#writeReads(moves));
    this.#tombstone = new Tombstone(sql);
    this.#deleted = this.#tombstone.exists();
    if (this.#deleted) return;
    this.profiles = new Profiles(sql);
    this.reactions = new Reactions(sql);
    this.attachments = new Attachments(sql);
    this.uploadKeys = new UploadKeys(sql);
    this.messages = new Messages(sql, this.chatId, { profiles: this.profiles, reactions: this.reactions, attachments: this.attachments });
    this.roster = new Roster(sql, () => this.#legacyRoles());
    this.readLog = new ReadLog(sql);
    this.ended = new EndedSessions(sql);
    this.scheduler = new Scheduler(sql, ctx.storage);
    this.closed = new Closed(sql);
    // Rooms from before the scheduler armed their alarm for unsent uploads without a job row:
    // give the alarm that is already set a job to run.
    if (!this.scheduler.has("sweep")) {
      const oldest = this.attachments.oldestUnsent();
      if (oldest) this.scheduler.atOnWake("sweep", Date.parse(oldest) + UNSENT_UPLOAD_TTL_MS);
      else if (this.uploadKeys.any()) this.scheduler.atOnWake("sweep", Date.now());
    }
  }

  // ---- RPC from the Worker (it has checked the session and membership) -----------------
  // Refusals are outcomes, never throws: an error crosses RPC as a bare Error (lib/outcome.ts).

  summary(userId: string): Summary {
    if (this.#deleted) return { lastSeq: 0, lastReadSeq: 0, unread: 0, unreadMentions: 0, lastMessage: null };
    const lastReadSeq = this.roster.readMark(userId);
    return {
      lastSeq: this.messages.lastSeq,
      lastReadSeq,
      unread: this.messages.counts.unread(lastReadSeq, userId),
      unreadMentions: this.messages.counts.mentions(lastReadSeq, userId),
      lastMessage: this.messages.last(userId),
    };
  }

  /** summary() for many users at once, for a round of inbox pokes: the last message is built
   * once, and again per user only when it has reactions (their `me` differs). */
  #summaries(userIds: string[]): Map<string, Summary> {
    const out = new Map<string, Summary>();
    if (this.#deleted) return out;
    const last = this.messages.last(null);
    for (const id of userIds) {
      const lastReadSeq = this.roster.readMark(id);
      out.set(id, {
        lastSeq: this.messages.lastSeq,
        lastReadSeq,
        unread: this.messages.counts.unread(lastReadSeq, id),
        unreadMentions: this.messages.counts.mentions(lastReadSeq, id),
        lastMessage: last && last.reactions.length > 0 ? this.messages.last(id) : last,
      });
    }
    return out;
  }

  readMarks(): Record<string, number> {
    if (this.#deleted) return {};
    this.reads.flush();
    return this.roster.readMarks();
  }

  page(viewerId: string, q: HistoryQuery) {
    if (this.#deleted) return { messages: [], hasMore: false, ...(q.around !== undefined && { hasNewer: false }), rev: 0 };
    return this.messages.page({ before: q.before, after: q.after, around: q.around, limit: q.limit ?? limits.historyDefault }, viewerId);
  }

  search(viewerId: string, q: string, limit: number, after?: SearchCursor): Message[] {
    return this.#deleted ? [] : this.messages.search(q, limit, viewerId, after);
  }

  /** Who gave each reaction to a message. */
  reactors(seq: number): Outcome<Reactors> {
    if (this.#deleted) return gone();
    return reactorsOf(this, seq);
  }

  /** Who has read one of the caller's messages, and when. */
  readers(viewerId: string, seq: number): Outcome<Readers> {
    if (this.#deleted) return gone();
    this.reads.flush();
    return readersOf(this, seq, viewerId);
  }

  post(user: User, input: SendInput) {
    if (this.#deleted) return gone();
    this.profiles.remember(user);
    return this.#send(user, input);
  }

  edit(user: User, seq: number, body: string) {
    if (this.#deleted) return gone();
    return this.#edit(user, seq, body);
  }

  remove(user: User, role: Role, seq: number) {
    if (this.#deleted) return gone();
    return this.#change(user, role, { type: "delete", seq });
  }

  react(user: User, seq: number, emoji: string, on: boolean) {
    if (this.#deleted) return gone();
    return this.#change(user, "member", { type: "react", seq, emoji, on });
  }

  markRead(userId: string, seq: number) {
    if (this.#deleted) return;
    this.#read(userId, seq);
  }

  // Membership notices carry the roster version D1 returned with the change (roster.ts): an
  // entry changes only for a version at least as new as its own, so notices overtaken on the
  // way change nothing. What happened is still recorded in the history.

  /** A member joined: their read mark starts at the end, and (except for the creator and the
   * two people of a direct chat) the history records it. */
  memberJoined(user: User, joined: { role: Role; version: number; announce: boolean }) {
    if (this.#deleted) return;
    this.reads.flush();
    this.profiles.remember(user);
    // A join reads everything before it (the read log counts it as one move from where the
    // member's log starts: 0 for a newcomer, whose log was empty or forgotten when they left).
    const from = this.roster.role(user.id) === null ? 0 : this.roster.readMark(user.id);
    this.roster.apply(user.id, joined.role, joined.version, this.messages.lastSeq);
    if (joined.announce) this.#system({ event: "joined", actor: user, target: null, name: null }, `${user.displayName} joined`);
    this.roster.markRead(user.id, this.messages.lastSeq, this.messages.lastSeq);
    // A notice overtaken by a removal leaves a non-member, whose read mark writes nothing.
    if (this.roster.role(user.id) !== null) this.readLog.moved(user.id, from, this.roster.readMark(user.id));
  }

  /** A member left or was removed. Their open sockets close at once (4403): from now on the
   * Worker and the room refuse them too, but a socket already open would keep receiving. Their
   * read times go with them; a removal overtaken by a rejoin keeps both. */
  memberLeft(target: User, actor: User, version: number) {
    if (this.#deleted) return;
    this.reads.flush();
    if (this.roster.apply(target.id, null, version)) {
      this.readLog.forget(target.id);
      this.sockets.close(closeCodes.removed, "removed from the chat", target.id);
    }
    const self = actor.id === target.id;
    this.#system(
      self ? { event: "left", actor: target, target: null, name: null } : { event: "removed", actor, target, name: null },
      self ? `${target.displayName} left` : `${actor.displayName} removed ${target.displayName}`,
    );
    this.sockets.broadcast({ type: "presence", online: this.sockets.online() });
  }

  /** A role decides who may delete others' messages; open sockets look it up per frame. */
  roleChanged(userId: string, role: Role, version: number) {
    if (this.#deleted) return;
    this.roster.apply(userId, role, version);
  }

  ownershipTransferred(from: User, to: User, version: number) {
    if (this.#deleted) return;
    this.roster.apply(from.id, "admin", version);
    this.roster.apply(to.id, "owner", version);
    this.#system({ event: "ownership_transferred", actor: from, target: to, name: null }, `${from.displayName} made ${to.displayName} the owner`);
  }

  renamed(actor: User, name: string) {
    if (this.#deleted) return;
    this.#system({ event: "renamed", actor, target: null, name }, `${actor.displayName} renamed the chat to "${name}"`);
  }

  /** Tells members' inboxes that the chat's list entry changed (e.g. visibility). */
  touched() {
    if (this.#deleted) return;
    this.pokes.poke(this.roster.ids());
  }

  /** An upload finished: it may now be attached to one message by its uploader. Refused in a
   * deleted chat, and when its `key` was cancelled meanwhile (upload-keys.ts); the Worker then
   * deletes its bytes. */
  async addAttachment(row: AttachmentRow, key?: string): Promise<Outcome<Attachment>> {
    if (this.#deleted) return gone();
    if (key) {
      const claim = this.uploadKeys.claim(row.uploader_id, key, row.id, row.created_at);
      if (claim === "cancelled") return fail("not_found", "The upload was cancelled.");
      if (claim === "used") return fail("invalid_request", "key: already used for another upload");
    }
    this.attachments.add(row);
    // Uploads that never make it into a message are swept a day later (#sweep).
    await this.scheduler.at("sweep", Date.parse(row.created_at) + UNSENT_UPLOAD_TTL_MS);
    return ok(toAttachment(row));
  }

  /** The uploader cancels the upload named `key`, arrived or not: the R2 keys to delete. */
  async cancelUpload(userId: string, key: string): Promise<string[]> {
    if (this.#deleted) return [];
    const now = Date.now();
    const id = this.uploadKeys.cancel(userId, key, new Date(now).toISOString());
    // The mark is kept as long as an upload could take, then swept.
    await this.scheduler.at("sweep", now + UNSENT_UPLOAD_TTL_MS);
    return id ? (this.attachments.discardUnsent(id, userId) ?? []) : [];
  }

  /** The one alarm runs every timed job that is due (scheduler.ts); in a deleted room, it
   * finishes the deletion. */
  override async alarm() {
    if (this.#deleted) return this.#finishErasing();
    await this.scheduler.run({ sweep: () => this.#sweep(), expire: () => this.#expire() });
  }

  /** Deletes uploads left unsent for UNSENT_UPLOAD_TTL_MS, bytes included, and comes back when
   * the oldest one left is due. */
  async #sweep() {
    const before = new Date(Date.now() - UNSENT_UPLOAD_TTL_MS).toISOString();
    await deleteObjects(this.env, this.attachments.sweepUnsent(before));
    this.uploadKeys.sweep(before);
    const oldest = this.attachments.oldestUnsent();
    if (oldest) await this.scheduler.at("sweep", Date.parse(oldest) + UNSENT_UPLOAD_TTL_MS);
    else if (this.uploadKeys.any()) await this.scheduler.at("sweep", Date.now() + UNSENT_UPLOAD_TTL_MS / 4);
  }

  /** Closes the sockets whose session has expired, so that one that only listens does not
   * outlive it, and comes back when the next one expires. */
  async #expire() {
    const next = this.sockets.closeExpired(Date.now());
    if (next !== null) await this.scheduler.at("expire", next);
  }

  attachment(id: string): AttachmentRow | null {
    if (this.#deleted) return null;
    return this.attachments.get(id) ?? null;
  }

  /** The uploader cancels an unsent upload. The record goes in this one synchronous step, so
   * no send can claim it afterwards; the Worker then deletes the returned R2 keys. */
  discardUpload(id: string, userId: string): Outcome<string[]> {
    if (this.#deleted) return gone();
    const keys = this.attachments.discardUnsent(id, userId);
    return keys ? ok(keys) : fail("not_found", "No such unsent upload.");
  }

  unsentUploads(userId: string): Attachment[] {
    if (this.#deleted) return [];
    return this.attachments.unsentOf(userId).map(toAttachment);
  }

  /** A thumbnail may arrive after its message was sent: the message then changes (new rev,
   * an `edited` frame), so live and catching-up clients both learn the thumbnail's URL. Each
   * thumbnail has its own key and URL (they are served immutable); the one it replaces is
   * returned, for its bytes to be deleted. */
  setThumbnail(id: string, key: string): Outcome<{ previous: string | null }> {
    if (this.#deleted) return gone();
    const attachment = this.attachments.get(id);
    if (!attachment) return fail("not_found", "No such attachment.");
    this.attachments.setThumbnail(id, key);
    if (attachment.seq !== null && this.messages.touch(attachment.seq)) this.#broadcastEdited(attachment.seq);
    return ok({ previous: attachment.thumb_key });
  }

  /** The user changed their name or picture: messages and open sockets show the new one.
   * (A socket's attachment is written at connect; without this it would keep the old one.)
   * Every open socket hears it, so open windows redraw that person's messages and their row
   * in the member list at once; the profile comes from the Worker, never from a socket. */
  profileChanged(user: User) {
    if (this.#deleted) return;
    this.profiles.remember(user);
    for (const ws of this.sockets.all(user.id)) this.sockets.update(ws, { ...this.sockets.who(ws), user });
    this.sockets.broadcast({ type: "profile", user });
  }

  /** A direct chat closes to new messages while a block stands between its two people, and
   * for good once one of them deleted their account (closed.ts). */
  setClosed(reason: ClosedReason | null) {
    if (this.#deleted) return;
    this.closed.set(reason);
  }

  /** One page of `userId`'s own messages after `afterSeq`, for their data export. */
  ownMessages(userId: string, afterSeq: number, limit: number): ExportedMessage[] {
    if (this.#deleted) return [];
    return this.messages.ownPage(userId, afterSeq, Math.min(limit, exportLimits.pageSize));
  }

  /** Sessions were revoked (sign-out, password change): their sockets close with 4401, and
   * an upgrade from them that was checked before the revocation is refused when it arrives. A
   * session lives at most SESSION_MAX_DAYS, so its id is not needed longer than that. */
  sessionsEnded(userId: string, sessionIds: string[]) {
    if (this.#deleted) return;
    this.ended.add(sessionIds, Date.now() + this.#limits.sessionMaxMs);
    this.sockets.close(closeCodes.sessionEnded, "session ended", userId, sessionIds);
  }

  // Deleting a chat (services/membership.ts destroyChat) cannot half-happen: first the room
  // marks itself deleted, and refuses every write and upgrade from then on; then `erase`
  // clears D1, R2 and the room's own storage, each step safe to repeat. If the request stops
  // in between, the alarm set by markDeleted finishes the erasure, and tries again until it
  // succeeds.

  /** The chat is deleted: from now on every write and upgrade is refused (not_found, 4404),
   * every open socket closes with 4404, and the erasure is scheduled. */
  async markDeleted() {
    if (this.#deleted) return;
    this.#deleted = true;
    this.#tombstone.write();
    this.sockets.close(closeCodes.chatDeleted, "chat deleted");
    this.pokes.clear();
    this.reads.clear();
    await this.ctx.storage.setAlarm(Date.now() + ERASE_AFTER_MS);
  }

  /** Clears the deleted chat's D1 rows and R2 objects, then this room's storage; the tombstone
   * is written again after deleteAll, so it outlives it. Every step can be repeated. */
  async erase() {
    await this.markDeleted();
    await eraseChatStores(this.env, this.chatId);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#tombstone.write();
  }

  async #finishErasing() {
    try {
      await this.erase();
    } catch (err) {
      console.error(errorLine("room erase failed", { chat: this.chatId }, err));
      await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    }
  }

  // ---- sockets --------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    if (this.#deleted) return refuse(closeCodes.chatDeleted, "chat deleted");
    const caller = readRoomCaller(request.headers);
    if (!caller) return new Response("missing identity", { status: 400 });
    if (Date.now() >= caller.expiresAt || this.ended.has(caller.sessionId)) return refuse(closeCodes.sessionEnded, "session ended");
    // The Worker checked D1, but its check may have been overtaken by a change the room has
    // already heard of (a removal notice that arrived first): the newer word wins.
    this.roster.apply(caller.user.id, caller.role, caller.rosterVersion);
    if (this.roster.role(caller.user.id) === null) return refuse(closeCodes.removed, "not a member of the chat");
    this.profiles.remember(caller.user);

    const { 0: client, 1: server } = new WebSocketPair();
    const query = new URL(request.url).searchParams;
    const attachment = { user: caller.user, sessionId: caller.sessionId, expiresAt: caller.expiresAt, openedAt: Date.now() };
    this.sockets.accept(server, query.get("reads") === "batch" ? { ...attachment, batchReads: true } : attachment, limits.socketsPerUser);
    // Catch-up and `ready` go out before this event ends: nothing can be appended in between,
    // so the client sees every change exactly once, in order.
    const since = query.get("since");
    if (since !== null) {
      const source = { count: (rev: number, atMost: number) => this.messages.countChangedSince(rev, atMost), since: (rev: number) => this.messages.changesSince(rev, caller.user.id) };
      const now = { rev: this.messages.rev, lastSeq: this.messages.lastSeq };
      for (const frame of catchUpFrames(source, Number(since), now)) this.sockets.send(server, frame);
    }
    const online = this.sockets.online();
    this.sockets.send(server, { type: "ready", rev: this.messages.rev, lastSeq: this.messages.lastSeq, online });
    this.sockets.presenceChanged();
    // Only now may other events run: the socket is in, so a removal or revocation reaches it.
    await this.scheduler.at("expire", caller.expiresAt);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer) {
    // Cheapest checks first: a flood must not cost a parse per frame.
    if (tooLarge(raw, this.#limits.maxFrameBytes)) return ws.close(closeCodes.tooLarge, "frame too large");
    if (this.sockets.flooding(ws, this.#limits.socketFramesPer10Seconds)) return ws.close(closeCodes.flooding, "too many frames");
    if (this.#deleted) return ws.close(closeCodes.chatDeleted, "chat deleted");
    const { user, expiresAt } = this.sockets.who(ws);
    if (Date.now() >= expiresAt) return ws.close(closeCodes.sessionEnded, "session expired");
    // The roster, not the socket, says what its user may do now (a missed close included).
    const role = this.roster.role(user.id);
    if (role === null) return ws.close(closeCodes.removed, "not a member of the chat");
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

  /**
   * One token bucket per user for everything that reaches every member of the chat: sends,
   * edits, deletions and added reactions, over HTTP and sockets alike (a flood of edits or of
   * reaction toggles is as loud as one of messages). A refusal writes nothing. Free: a retry
   * of a stored message (it changes nothing) and taking one's own reaction back (it undoes a
   * change already paid for, and someone who is rate-limited can still take back a mistake).
   */
  #spend(userId: string): Outcome<never> | null {
    const retryAfter = this.#sendBuckets.take(userId);
    return retryAfter === null ? null : fail("rate_limited", `Too many messages. Try again in ${retryAfter} s.`, retryAfter);
  }

  #send(user: User, input: SendInput, ws?: WebSocket) {
    const existing = this.messages.byClientId(input.clientId);
    // A retry of a message stored before the chat closed is still answered with it.
    if (!existing && this.closed.reason !== null) {
      return fail("forbidden", this.closed.reason === "blocked" ? "This conversation is closed: one of you blocked the other." : "This conversation is closed: the account was deleted.");
    }
    const refused = existing ? null : this.#spend(user.id);
    if (refused) return refused;
    const mentions = existing ? [] : resolveMentions(input.body, user.id, this.roster, this.profiles);
    const result = this.messages.append(user, input, mentions, existing);
    if (!result.ok) return result;
    const { message, created } = result.value;
    const ack = { type: "ack", clientId: input.clientId, seq: message.seq, rev: message.rev } as const;
    if (!created) {
      if (ws) this.sockets.send(ws, ack);
      return result;
    }
    // Sending a message means the sender has read everything up to it. The mark moves in
    // memory now and is written with the read batch: three statements fewer in every send's
    // commit (the message itself is what the ack promises is stored).
    this.#read(user.id, message.seq);
    this.sockets.typingEnded(user.id);
    // The sender's socket hears `ack`, then its own copy a turn later (sockets.ts).
    if (ws) this.sockets.broadcastWithReply({ type: "message", message }, ws, ack);
    else this.sockets.broadcast({ type: "message", message });
    this.pokes.poke(this.roster.ids(), message);
    return result;
  }

  #change(user: User, role: Role, frame: Change): Outcome<unknown> {
    switch (frame.type) {
      case "edit":
        return this.#edit(user, frame.seq, frame.body);
      case "delete": {
        const refused = this.#spend(user.id);
        if (refused) return refused;
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
        const refused = frame.on ? this.#spend(user.id) : null;
        if (refused) return refused;
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
    const refused = this.#spend(user.id);
    if (refused) return refused;
    const result = this.messages.edit(user.id, seq, body, resolveMentions(body, user.id, this.roster, this.profiles));
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

  /** A reader's mark moves in memory now; it is written and announced with the others' at
   * most once per READS_EVERY_MS (read-batch.ts). */
  #read(userId: string, seq: number) {
    const from = this.roster.readMark(userId);
    const moved = this.roster.advance(userId, seq, this.messages.lastSeq);
    if (moved !== null) this.reads.add({ userId, from, to: moved, at: new Date() });
  }

  /** One event, so one commit: the moves' log rows and the marks, then one frame per socket
   * and the readers' inboxes (their unread count). A move by someone who left meanwhile is
   * dropped, as a late `read` from them would be. */
  #writeReads(moves: ReadMove[]) {
    if (this.#deleted) return;
    const readers = new Set<string>();
    for (const m of moves) {
      if (this.roster.role(m.userId) === null) continue;
      this.readLog.moved(m.userId, m.from, m.to, m.at);
      readers.add(m.userId);
    }
    if (readers.size === 0) return;
    this.roster.store(readers);
    this.sockets.broadcastReads([...readers].map((userId) => ({ userId, seq: this.roster.readMark(userId) })));
    this.pokes.poke(readers);
  }

  /** Roles that sockets opened before the roster was versioned carry (roster.ts #migrate). */
  #legacyRoles(): Map<string, Role> {
    const roles = new Map<string, Role>();
    for (const ws of this.ctx.getWebSockets()) {
      const { user, role } = this.sockets.who(ws);
      if (role) roles.set(user.id, role);
    }
    return roles;
  }

  #system(event: SystemEvent, body: string) {
    const message = this.messages.appendSystem(event, body);
    this.sockets.broadcast({ type: "message", message });
    this.pokes.poke(this.roster.ids());
  }
}

/** Answers an upgrade the room will not serve: the socket opens and closes at once with `code`,
 * which a browser can read (it cannot read an HTTP status of a refused upgrade), so the client
 * knows to stop rather than retry. */
function refuse(code: number, reason: string): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  server.close(code, reason);
  return new Response(null, { status: 101, webSocket: client });
}
