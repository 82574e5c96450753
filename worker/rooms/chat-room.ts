// ChatRoom: one Durable Object per chat. It alone assigns `seq` and `rev`, writes each change
// to its SQLite (History) before acknowledging or broadcasting it, and holds the chat's
// WebSockets through the Hibernation API so idle rooms cost nothing.
//
// Hibernation means this object can be evicted between any two events while its sockets stay
// open. So nothing about a socket lives only in memory: who it belongs to is in its
// attachment, and the room's counters are re-read from SQLite by History's constructor.
// In-memory state here (typing throttles, rate buckets, pending inbox pokes) is allowed to
// vanish with an eviction: an evicted room has been idle, so there is nothing to throttle.
import { DurableObject } from "cloudflare:workers";
import { settings } from "../lib/settings.ts";
import { deleteObjects } from "../media/store.ts";
import { TokenBuckets } from "../lib/token-bucket.ts";
import { issuesOf } from "../lib/validate.ts";
import { clientFrame, closeCodes, isModerator, type ClientFrame, type ErrorCode, type HistoryQuery, type Message, type Role, type SystemEvent, type User } from "#protocol";
import { toAttachment, type AttachmentRow } from "./attachments.ts";
import { fail, type Outcome } from "../lib/outcome.ts";
import { History } from "./history.ts";
import { catchUpFrames } from "./catch-up.ts";
import { InboxPokes } from "./inbox-pokes.ts";
import { RoomSockets } from "./sockets.ts";
import { identityHeaders } from "../services/stubs.ts";

const TYPING_EVERY_MS = 3000;
/** Presence frames go out at most this often, with the list as it is then. */
const PRESENCE_EVERY_MS = 500;
const UNSENT_UPLOAD_TTL_MS = 24 * 3600_000;

type SendInput = { clientId: string; body: string; replyTo?: number | undefined; attachmentIds?: string[] | undefined };
type Change = Extract<ClientFrame, { type: "edit" | "delete" | "react" }>;

export interface Summary {
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  lastMessage: ReturnType<History["lastMessage"]>;
}

export class ChatRoom extends DurableObject<Env> {
  history: History;
  sockets: RoomSockets;
  #limits = settings(this.env);
  #sendBuckets = new TokenBuckets(this.#limits.messageBurst, this.#limits.messagesPerMinute);
  #typingAt = new Map<string, number>();
  #presenceDue = false;
  pokes: InboxPokes;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.history = new History(ctx.storage.sql);
    this.sockets = new RoomSockets(ctx);
    this.pokes = new InboxPokes(ctx, env, () => this.sockets.online());
  }

  // ---- RPC from the Worker (it has checked the session and membership) -----------------

  summary(chatId: string, userId: string): Summary {
    this.history.chatId = chatId;
    return {
      lastSeq: this.history.lastSeq,
      lastReadSeq: this.history.readMark(userId),
      unread: this.history.unread(userId),
      lastMessage: this.history.lastMessage(userId),
    };
  }

  readMarks(chatId: string) {
    this.history.chatId = chatId;
    return this.history.readMarks();
  }

  page(chatId: string, viewerId: string, q: HistoryQuery) {
    this.history.chatId = chatId;
    return this.history.page({ before: q.before, after: q.after, limit: q.limit ?? 50 }, viewerId);
  }

  search(chatId: string, viewerId: string, q: string, limit: number) {
    this.history.chatId = chatId;
    return this.history.search(q, limit, viewerId);
  }

  post(chatId: string, user: User, input: SendInput) {
    this.history.chatId = chatId;
    this.history.rememberUser(user);
    return this.#send(user, input);
  }

  edit(chatId: string, user: User, seq: number, body: string) {
    this.history.chatId = chatId;
    return this.#edit(user, seq, body);
  }

  remove(chatId: string, user: User, role: Role, seq: number) {
    this.history.chatId = chatId;
    return this.#change(user, role, { type: "delete", seq });
  }

  react(chatId: string, user: User, seq: number, emoji: string, on: boolean) {
    this.history.chatId = chatId;
    return this.#change(user, "member", { type: "react", seq, emoji, on });
  }

  markRead(chatId: string, userId: string, seq: number) {
    this.history.chatId = chatId;
    this.#read(userId, seq);
  }

  /** A member joined: their read mark starts at the end, and (except for the creator) the
   * history records it. */
  memberJoined(chatId: string, user: User, announce: boolean) {
    this.history.chatId = chatId;
    this.history.rememberUser(user);
    this.history.addMember(user.id);
    if (announce) this.#system({ event: "joined", actor: user, target: null, name: null }, `${user.displayName} joined`);
    this.history.markRead(user.id, this.history.lastSeq);
  }

  /** A member left or was removed. Their open sockets close at once (4403): from now on
   * the Worker refuses them too, but a socket already open would otherwise keep receiving. */
  memberLeft(chatId: string, target: User, actor: User) {
    this.history.chatId = chatId;
    this.history.removeMember(target.id);
    this.sockets.close(closeCodes.removed, "removed from the chat", target.id);
    const self = actor.id === target.id;
    this.#system(
      self ? { event: "left", actor: target, target: null, name: null } : { event: "removed", actor, target, name: null },
      self ? `${target.displayName} left` : `${actor.displayName} removed ${target.displayName}`,
    );
    this.sockets.broadcast({ type: "presence", online: this.sockets.online() });
  }

  /** Sockets carry their user's role (it decides who may delete others' messages). */
  roleChanged(chatId: string, userId: string, role: Role) {
    this.history.chatId = chatId;
    this.sockets.setRole(userId, role);
  }

  ownershipTransferred(chatId: string, from: User, to: User) {
    this.history.chatId = chatId;
    this.sockets.setRole(from.id, "admin");
    this.sockets.setRole(to.id, "owner");
    this.#system({ event: "ownership_transferred", actor: from, target: to, name: null }, `${from.displayName} made ${to.displayName} the owner`);
  }

  renamed(chatId: string, actor: User, name: string) {
    this.history.chatId = chatId;
    this.#system({ event: "renamed", actor, target: null, name }, `${actor.displayName} renamed the chat to "${name}"`);
  }

  /** Tells members' inboxes that the chat's list entry changed (e.g. visibility). */
  touched(chatId: string) {
    this.history.chatId = chatId;
    this.pokes.poke(this.history.chatId, this.history.memberIds());
  }

  /** An upload finished: it may now be attached to one message by its uploader. */
  async addAttachment(chatId: string, row: AttachmentRow) {
    this.history.chatId = chatId;
    this.history.attachments.add(row);
    // Uploads that never make it into a message are swept a day later (see alarm()).
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + UNSENT_UPLOAD_TTL_MS);
    return toAttachment(row);
  }

  /** Sweeps uploads left unsent for UNSENT_UPLOAD_TTL_MS, bytes included; re-arms while any remain. */
  override async alarm() {
    const before = new Date(Date.now() - UNSENT_UPLOAD_TTL_MS).toISOString();
    const keys = this.history.attachments.sweepUnsent(before);
    await deleteObjects(this.env, keys);
    if (this.history.attachments.hasUnsent()) await this.ctx.storage.setAlarm(Date.now() + UNSENT_UPLOAD_TTL_MS / 4);
  }

  attachment(chatId: string, id: string) {
    this.history.chatId = chatId;
    return this.history.attachments.get(id) ?? null;
  }

  /** A thumbnail may arrive after its message was sent: the message then changes (new rev,
   * an `edited` frame), so live and catching-up clients both learn the thumbnail's URL. */
  setThumbnail(chatId: string, id: string, key: string): Outcome<null> {
    this.history.chatId = chatId;
    const attachment = this.history.attachments.get(id);
    if (!attachment) return fail("not_found", "No such attachment.");
    this.history.attachments.setThumbnail(id, key);
    const seq = attachment.seq;
    if (seq !== null && this.history.touch(seq)) {
      this.sockets.broadcastPerUser((viewer) => ({ type: "edited", message: this.history.message(seq, viewer)! }));
    }
    return { ok: true, value: null };
  }

  /** The user changed their name or picture: messages and open sockets show the new one.
   * (A socket's attachment is written at connect; without this it would keep the old one.) */
  profileChanged(chatId: string, user: User) {
    this.history.chatId = chatId;
    this.history.rememberUser(user);
    for (const ws of this.sockets.all(user.id)) ws.serializeAttachment({ ...this.sockets.who(ws), user });
  }

  /** Sessions were revoked (sign-out, password change): their sockets close with 4401. */
  sessionsEnded(chatId: string, userId: string, sessionIds: string[]) {
    this.history.chatId = chatId;
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
    const chatId = request.headers.get(identityHeaders.chat);
    const userHeader = request.headers.get(identityHeaders.user);
    const role = request.headers.get(identityHeaders.role) as Role | null;
    const sessionId = request.headers.get(identityHeaders.session);
    const expiresAt = Date.parse(request.headers.get(identityHeaders.expires) ?? "");
    if (!chatId || !userHeader || !role || !sessionId || !expiresAt) return new Response("missing identity", { status: 400 });
    this.history.chatId = chatId;
    const user = JSON.parse(decodeURIComponent(userHeader)) as User;
    this.history.rememberUser(user);

    const { 0: client, 1: server } = new WebSocketPair();
    this.sockets.accept(server, { user, role, sessionId, expiresAt });
    // Catch-up and `ready` go out before this event ends: nothing can be appended in between,
    // so the client sees every change exactly once, in order.
    const since = new URL(request.url).searchParams.get("since");
    if (since !== null) for (const frame of catchUpFrames(this.history, user.id, Number(since))) this.sockets.send(server, frame);
    const online = this.sockets.online();
    this.sockets.send(server, { type: "ready", rev: this.history.rev, lastSeq: this.history.lastSeq, online });
    this.#presenceChanged();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer) {
    const max = this.#limits.maxFrameBytes;
    // A UTF-16 length times 3 bounds the UTF-8 size: only encode when it could be too big.
    const size = typeof raw === "string" ? (raw.length * 3 <= max ? raw.length : new TextEncoder().encode(raw).byteLength) : raw.byteLength;
    if (size > max) return ws.close(closeCodes.tooLarge, "frame too large");
    if (this.sockets.flooding(ws, this.#limits.socketFramesPer10Seconds)) return ws.close(closeCodes.flooding, "too many frames");
    const { user, role, expiresAt } = this.sockets.who(ws);
    if (Date.now() >= expiresAt) return ws.close(closeCodes.sessionEnded, "session expired");
    if (typeof raw !== "string") return this.#error(ws, { code: "invalid_request", message: "frames are JSON text" });

    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return this.#error(ws, { code: "invalid_request", message: "frame is not JSON" });
    }
    const parsed = clientFrame.safeParse(data);
    if (!parsed.success) {
      const rawId = typeof data === "object" && data !== null && "clientId" in data ? data.clientId : undefined;
      const message = issuesOf(parsed.error).map((i) => `${i.path || "frame"}: ${i.message}`).join("; ");
      return this.#error(ws, { code: "invalid_request", message }, typeof rawId === "string" ? rawId.slice(0, 64) : undefined);
    }
    const frame = parsed.data;
    switch (frame.type) {
      case "send": {
        const result = this.#send(user, frame, ws);
        if (!result.ok) this.#error(ws, result, frame.clientId);
        return;
      }
      case "typing":
        return this.#typing(ws, user);
      case "read":
        return this.#read(user.id, frame.seq);
      case "edit":
      case "delete":
      case "react": {
        const result = this.#change(user, role, frame);
        if (!result.ok) this.#error(ws, result);
        return;
      }
    }
  }

  override async webSocketClose(ws: WebSocket) {
    this.sockets.forget(ws);
    this.#presenceChanged();
  }

  override async webSocketError(ws: WebSocket) {
    await this.webSocketClose(ws);
  }

  // ---- the operations, shared by RPC and sockets -----------------------------------------

  #send(user: User, input: SendInput, ws?: WebSocket) {
    // A retry of a stored message is answered even when over the limit: it costs nothing.
    const existing = this.history.byClientId(input.clientId);
    const retryAfter = existing ? null : this.#sendBuckets.take(user.id);
    if (retryAfter !== null) return fail("rate_limited", `Too many messages. Try again in ${retryAfter} s.`, retryAfter);
    const result = this.history.append(user, input, existing);
    if (!result.ok) return result;
    const { message, created } = result.value;
    if (ws) this.sockets.send(ws, { type: "ack", clientId: input.clientId, seq: message.seq, rev: message.rev });
    if (created) {
      // The others' clients stop showing "typing" when this message arrives, so typing again
      // right away must be relayed, not swallowed by the rest of the throttle.
      this.#typingAt.delete(user.id);
      this.sockets.broadcast({ type: "message", message });
      this.pokes.poke(this.history.chatId, this.history.memberIds(), message);
    }
    return result;
  }

  #change(user: User, role: Role, frame: Change): Outcome<unknown> {
    switch (frame.type) {
      case "edit":
        return this.#edit(user, frame.seq, frame.body);
      case "delete": {
        const result = this.history.delete(user.id, isModerator(role), frame.seq);
        if (result.ok) {
          const { seq, rev, mediaKeys } = result.value;
          if (mediaKeys.length) this.ctx.waitUntil(deleteObjects(this.env, mediaKeys));
          this.sockets.broadcast({ type: "deleted", seq, rev });
          this.pokes.poke(this.history.chatId, this.history.memberIds());
        }
        return result;
      }
      case "react": {
        const result = this.history.react(user.id, frame.seq, frame.emoji, frame.on);
        if (result.ok && result.value.changed) {
          const { seq, rev } = result.value;
          this.sockets.broadcastPerUser((viewer) => ({ type: "reactions", seq, rev, reactions: this.history.reactions(seq, viewer) }));
        }
        return result;
      }
    }
  }

  #edit(user: User, seq: number, body: string): Outcome<Message> {
    const result = this.history.edit(user.id, seq, body);
    if (result.ok) this.sockets.broadcastPerUser((viewer) => ({ type: "edited", message: this.history.message(seq, viewer)! }));
    return result;
  }

  #read(userId: string, seq: number) {
    const moved = this.history.markRead(userId, seq);
    if (moved === null) return;
    this.sockets.broadcast({ type: "read", userId, seq: moved });
    this.pokes.poke(this.history.chatId, [userId]);
  }

  #typing(ws: WebSocket, user: User) {
    const now = Date.now();
    if (now - (this.#typingAt.get(user.id) ?? 0) < TYPING_EVERY_MS) return;
    this.#typingAt.set(user.id, now);
    this.sockets.broadcast({ type: "typing", user }, (other) => other === ws || this.sockets.who(other).user.id === user.id);
  }

  #system(event: SystemEvent, body: string) {
    const message = this.history.appendSystem(event, body);
    this.sockets.broadcast({ type: "message", message });
    this.pokes.poke(this.history.chatId, this.history.memberIds());
  }

  /** Arrivals and departures are coalesced into one presence frame per PRESENCE_EVERY_MS. One
   * frame per arrival costs arrivals x sockets frames of a growing list: for 1,000 sockets
   * joining, ~500,000 frames and ~7 GB. A newcomer still gets the list at once, in `ready`. */
  #presenceChanged() {
    if (this.#presenceDue) return;
    this.#presenceDue = true;
    this.ctx.waitUntil(
      scheduler.wait(PRESENCE_EVERY_MS).then(() => {
        this.#presenceDue = false;
        this.sockets.broadcast({ type: "presence", online: this.sockets.online() });
      }),
    );
  }

  #error(ws: WebSocket, e: { code: ErrorCode; message: string; retryAfter?: number }, clientId?: string) {
    this.sockets.send(ws, {
      type: "error",
      code: e.code,
      message: e.message,
      ...(clientId === undefined ? {} : { clientId }),
      ...(e.retryAfter === undefined ? {} : { retryAfter: e.retryAfter }),
    });
  }
}
