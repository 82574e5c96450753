// ChatRoom: one Durable Object per chat. It alone assigns `seq` and `rev`, writes each change
// to its SQLite (History) before acknowledging or broadcasting it, and holds the chat's
// WebSockets through the Hibernation API so idle rooms cost nothing.
//
// Hibernation means this object can be evicted between any two events while its sockets stay
// open. So nothing about a socket lives only in memory: who it belongs to is in its
// attachment, and the room's counters are re-read from SQLite by History's constructor.
// In-memory state here (typing throttles, flood counters, pending inbox pokes) is allowed to
// vanish with an eviction.
import { DurableObject } from "cloudflare:workers";
import {
  clientFrame,
  closeCodes,
  type ClientFrame,
  type HistoryQuery,
  type Role,
  type ServerFrame,
  type SystemEvent,
  type User,
} from "../protocol/index.ts";
import { settings } from "../lib/settings.ts";
import { fail, History, type Outcome } from "./history.ts";
import { identityHeaders, inboxStub } from "./stubs.ts";
import { issuesOf } from "../lib/validate.ts";

interface Attachment {
  user: User;
  role: Role;
}

const TYPING_EVERY_MS = 3000;
const FLOOD_WINDOW_MS = 10_000;

export interface Summary {
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  lastMessage: ReturnType<History["lastMessage"]>;
}

export class ChatRoom extends DurableObject<Env> {
  history: History;
  #typingAt = new Map<string, number>();
  #frames = new Map<WebSocket, { start: number; count: number }>();
  #pokes = new Set<string>();
  #poking = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.history = new History(ctx.storage.sql);
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

  page(chatId: string, viewerId: string, q: HistoryQuery) {
    this.history.chatId = chatId;
    return this.history.page({ before: q.before, after: q.after, limit: q.limit ?? 50 }, viewerId);
  }

  post(chatId: string, user: User, input: { clientId: string; body: string; replyTo?: number | undefined; attachmentIds?: string[] | undefined }) {
    this.history.chatId = chatId;
    return this.#send(user, input);
  }

  edit(chatId: string, user: User, seq: number, body: string) {
    this.history.chatId = chatId;
    return this.#apply(user, "member", { type: "edit", seq, body });
  }

  remove(chatId: string, user: User, role: Role, seq: number) {
    this.history.chatId = chatId;
    return this.#apply(user, role, { type: "delete", seq });
  }

  react(chatId: string, user: User, seq: number, emoji: string, on: boolean) {
    this.history.chatId = chatId;
    return this.#apply(user, "member", { type: "react", seq, emoji, on });
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
    for (const ws of this.ctx.getWebSockets(target.id)) ws.close(closeCodes.removed, "removed from the chat");
    const self = actor.id === target.id;
    this.#system(
      self ? { event: "left", actor: target, target: null, name: null } : { event: "removed", actor, target, name: null },
      self ? `${target.displayName} left` : `${actor.displayName} removed ${target.displayName}`,
    );
    this.#broadcast({ type: "presence", online: this.#online() });
  }

  /** Sockets carry their user's role (it decides who may delete others' messages). */
  roleChanged(chatId: string, userId: string, role: Role) {
    this.history.chatId = chatId;
    for (const ws of this.ctx.getWebSockets(userId)) {
      const attachment = ws.deserializeAttachment() as Attachment;
      ws.serializeAttachment({ ...attachment, role } satisfies Attachment);
    }
  }

  ownershipTransferred(chatId: string, from: User, to: User) {
    this.roleChanged(chatId, from.id, "admin");
    this.roleChanged(chatId, to.id, "owner");
    this.#system({ event: "ownership_transferred", actor: from, target: to, name: null }, `${from.displayName} made ${to.displayName} the owner`);
  }

  renamed(chatId: string, actor: User, name: string) {
    this.history.chatId = chatId;
    this.#system({ event: "renamed", actor, target: null, name }, `${actor.displayName} renamed the chat to "${name}"`);
  }

  /** Tells members' inboxes that the chat's list entry changed (e.g. visibility, member count). */
  touched(chatId: string) {
    this.history.chatId = chatId;
    this.#pokeMembers();
  }

  /** The chat is deleted: every socket closes with 4404 and the history is erased. */
  async destroy() {
    for (const ws of this.ctx.getWebSockets()) ws.close(closeCodes.chatDeleted, "chat deleted");
    await this.ctx.storage.deleteAll();
    this.#pokes.clear();
  }

  // ---- sockets --------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const chatId = request.headers.get(identityHeaders.chat);
    const userHeader = request.headers.get(identityHeaders.user);
    const role = request.headers.get(identityHeaders.role) as Role | null;
    if (!chatId || !userHeader || !role) return new Response("missing identity", { status: 400 });
    this.history.chatId = chatId;
    const user = JSON.parse(decodeURIComponent(userHeader)) as User;
    this.history.rememberUser(user);

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [user.id]);
    server.serializeAttachment({ user, role } satisfies Attachment);

    // Catch-up and `ready` go out before this event ends: nothing can be appended in between,
    // so the client sees every change exactly once, in order.
    const since = new URL(request.url).searchParams.get("since");
    if (since !== null) this.#catchUp(server, user.id, Number(since));
    const online = this.#online();
    this.#send1(server, { type: "ready", rev: this.history.rev, lastSeq: this.history.lastSeq, online });
    this.#broadcast({ type: "presence", online }, server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer) {
    const limits = settings(this.env);
    const size = typeof raw === "string" ? (raw.length * 3 <= limits.maxFrameBytes ? raw.length : new TextEncoder().encode(raw).byteLength) : raw.byteLength;
    if (size > limits.maxFrameBytes) return ws.close(closeCodes.tooLarge, "frame too large");
    if (this.#flooding(ws, limits.socketFramesPer10Seconds)) return ws.close(closeCodes.flooding, "too many frames");
    if (typeof raw !== "string") return this.#error(ws, "invalid_request", "frames are JSON text");

    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return this.#error(ws, "invalid_request", "frame is not JSON");
    }
    const parsed = clientFrame.safeParse(data);
    if (!parsed.success) {
      const clientId = typeof data === "object" && data !== null && "clientId" in data && typeof data.clientId === "string" ? data.clientId.slice(0, 64) : undefined;
      return this.#error(ws, "invalid_request", issuesOf(parsed.error).map((i) => `${i.path || "frame"}: ${i.message}`).join("; "), clientId);
    }
    const { user, role } = ws.deserializeAttachment() as Attachment;
    const frame = parsed.data;
    switch (frame.type) {
      case "send": {
        const result = this.#send(user, frame, ws);
        if (!result.ok) this.#error(ws, result.code, result.message, frame.clientId);
        return;
      }
      case "typing":
        return this.#typing(ws, user);
      case "read":
        return this.#read(user.id, frame.seq);
      case "edit":
      case "delete":
      case "react": {
        const result = this.#apply(user, role, frame);
        if (!result.ok) this.#error(ws, result.code, result.message);
        return;
      }
    }
  }

  override async webSocketClose(ws: WebSocket) {
    this.#frames.delete(ws);
    this.#broadcast({ type: "presence", online: this.#online(ws) }, ws);
  }

  override async webSocketError(ws: WebSocket) {
    await this.webSocketClose(ws);
  }

  // ---- the operations, shared by RPC and sockets -----------------------------------------

  #send(user: User, input: { clientId: string; body: string; replyTo?: number | undefined; attachmentIds?: string[] | undefined }, ws?: WebSocket) {
    // Attachments arrive with the media routes; until then no id can be valid.
    if (input.attachmentIds?.length) return fail("invalid_request", "attachmentIds: no such attachment");
    if (input.body.length === 0) return fail("invalid_request", "body must not be empty");
    this.history.rememberUser(user);
    const result = this.history.append(user, input);
    if (!result.ok) return result;
    const { message, created } = result.value;
    if (ws) this.#send1(ws, { type: "ack", clientId: input.clientId, seq: message.seq, rev: message.rev });
    if (created) {
      this.#broadcast({ type: "message", message });
      this.#pokeMembers();
    }
    return result;
  }

  #apply(user: User, role: Role, frame: Extract<ClientFrame, { type: "edit" | "delete" | "react" }>): Outcome<unknown> {
    switch (frame.type) {
      case "edit": {
        const result = this.history.edit(user.id, frame.seq, frame.body);
        if (result.ok) this.#broadcastPerUser((viewer) => ({ type: "edited", message: this.history.message(frame.seq, viewer)! }));
        return result;
      }
      case "delete": {
        const result = this.history.delete(user.id, role === "owner" || role === "admin", frame.seq);
        if (result.ok) {
          this.#broadcast({ type: "deleted", ...result.value });
          this.#pokeMembers();
        }
        return result;
      }
      case "react": {
        const result = this.history.react(user.id, frame.seq, frame.emoji, frame.on);
        if (result.ok && result.value.changed) {
          const { seq, rev } = result.value;
          this.#broadcastPerUser((viewer) => ({ type: "reactions", seq, rev, reactions: this.history.reactions(seq, viewer) }));
        }
        return result;
      }
    }
  }

  #read(userId: string, seq: number) {
    const moved = this.history.markRead(userId, seq);
    if (moved === null) return;
    this.#broadcast({ type: "read", userId, seq: moved });
    this.#poke([userId]);
  }

  #typing(ws: WebSocket, user: User) {
    const now = Date.now();
    if (now - (this.#typingAt.get(user.id) ?? 0) < TYPING_EVERY_MS) return;
    this.#typingAt.set(user.id, now);
    for (const other of this.ctx.getWebSockets()) {
      if (other !== ws && (other.deserializeAttachment() as Attachment).user.id !== user.id) this.#send1(other, { type: "typing", user });
    }
  }

  #system(event: SystemEvent, body: string) {
    const message = this.history.appendSystem(event, body);
    this.#broadcast({ type: "message", message });
    this.#pokeMembers();
    return message;
  }

  #catchUp(ws: WebSocket, viewerId: string, since: number) {
    if (!Number.isSafeInteger(since) || since < 0) return;
    for (const { row, createdAfter, editedAfter } of this.history.changesSince(since)) {
      const message = this.history.toMessage(row, viewerId);
      if (createdAfter) this.#send1(ws, { type: "message", message });
      else if (message.deleted) this.#send1(ws, { type: "deleted", seq: message.seq, rev: message.rev });
      else if (editedAfter) this.#send1(ws, { type: "edited", message });
      else this.#send1(ws, { type: "reactions", seq: message.seq, rev: message.rev, reactions: message.reactions });
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------

  #flooding(ws: WebSocket, limit: number) {
    const now = Date.now();
    const w = this.#frames.get(ws);
    if (!w || now - w.start >= FLOOD_WINDOW_MS) {
      this.#frames.set(ws, { start: now, count: 1 });
      return false;
    }
    w.count++;
    return w.count > limit;
  }

  #online(except?: WebSocket) {
    const ids = new Set<string>();
    for (const ws of this.ctx.getWebSockets()) {
      if (ws !== except && ws.readyState === WebSocket.OPEN) ids.add((ws.deserializeAttachment() as Attachment).user.id);
    }
    return [...ids];
  }

  #error(ws: WebSocket, code: string, message: string, clientId?: string) {
    this.#send1(ws, { type: "error", code, message, ...(clientId === undefined ? {} : { clientId }) });
  }

  /** Every outgoing frame goes through here (typed), so nothing raw is ever relayed. */
  #send1(ws: WebSocket, frame: ServerFrame) {
    this.#sendText(ws, JSON.stringify(frame));
  }

  #sendText(ws: WebSocket, text: string) {
    try {
      ws.send(text);
    } catch {
      // The socket is closing; its close event cleans up.
    }
  }

  /** One encoding for all recipients: frames that do not depend on the viewer. */
  #broadcast(frame: ServerFrame, except?: WebSocket) {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) if (ws !== except) this.#sendText(ws, text);
  }

  /** Frames that carry `reactions[].me` differ per user: encode once per user, not per socket. */
  #broadcastPerUser(make: (viewerId: string) => ServerFrame) {
    const encoded = new Map<string, string>();
    for (const ws of this.ctx.getWebSockets()) {
      const { user } = ws.deserializeAttachment() as Attachment;
      let text = encoded.get(user.id);
      if (text === undefined) encoded.set(user.id, (text = JSON.stringify(make(user.id))));
      this.#sendText(ws, text);
    }
  }

  #pokeMembers() {
    this.#poke(this.history.memberIds());
  }

  /** Tells members' inboxes that this chat's list entry changed. Bursts coalesce: while one
   * round of pokes is in flight, later changes only mark their users for the next round.
   * The broadcast never waits for this. */
  #poke(userIds: Iterable<string>) {
    for (const id of userIds) this.#pokes.add(id);
    if (this.#poking) return;
    this.#poking = true;
    const chatId = this.history.chatId;
    const run = async () => {
      try {
        while (this.#pokes.size > 0) {
          const ids = [...this.#pokes];
          this.#pokes.clear();
          await Promise.allSettled(ids.map((id) => inboxStub(this.env, id).chatChanged(chatId)));
        }
      } finally {
        this.#poking = false;
      }
    };
    this.ctx.waitUntil(run());
  }
}
