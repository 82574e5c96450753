// The room's sockets as a group: typed sends, broadcasts encoded once, presence, typing, and
// the per-socket flood guard. Identity always comes from the socket's attachment (set by the
// Worker-authenticated upgrade), never from what a client sends. The attachment is the copy
// that survives hibernation; the room reads it once per socket per wake and keeps it in
// memory (#state), so presence, typing and per-user frames do not deserialize every socket's
// attachment on every event. A socket's role is not kept
// here: the room looks it up in its roster on every frame (roster.ts), so a role change or a
// removal applies to open sockets at once, whatever order the notices came in.
import { closeCodes, type ErrorCode, type Role, type ServerFrame, type User } from "#protocol";
import { TurnQueue } from "./turn-queue.ts";

/** Who a socket belongs to, as the upgrade named them. Revoking `sessionId` closes the socket
 * (4401), and so does its next frame after `expiresAt`. Sockets accepted before the roster was
 * versioned also carry the role they were opened with (`role`), read once when the room's
 * roster is migrated. */
export interface SocketAttachment {
  user: User;
  sessionId: string;
  /** ms since epoch */
  expiresAt: number;
  /** ms since epoch; absent on sockets accepted before the per-user cap (oldest of all). */
  openedAt?: number;
  role?: Role;
  /** Opened with `reads=batch`: read marks come as `reads` frames. */
  batchReads?: boolean;
}

const FLOOD_WINDOW_MS = 10_000;
const TYPING_EVERY_MS = 3000;
/** Presence frames go out at most this often, with the list as it is then. */
const PRESENCE_EVERY_MS = 500;

export class RoomSockets {
  // Flood counters and typing throttles may vanish on eviction: an idle room has nobody
  // flooding it or typing in it.
  #frames = new Map<WebSocket, { start: number; count: number }>();
  #typingAt = new Map<string, number>();
  #presenceDue = false;
  /** Each socket's attachment as last written: filled from the attachment on first use after
   * a wake, kept in step by accept() and update(). */
  #state = new WeakMap<WebSocket, SocketAttachment>();
  /** Every frame leaves through here, so one deferred to a later turn is never overtaken. */
  #out = new TurnQueue(sendText);

  constructor(private ctx: DurableObjectState) {}

  all(tag?: string) {
    return this.ctx.getWebSockets(tag);
  }

  who(ws: WebSocket): SocketAttachment {
    let state = this.#state.get(ws);
    if (!state) {
      state = ws.deserializeAttachment() as SocketAttachment;
      this.#state.set(ws, state);
    }
    return state;
  }

  /** Changes what a socket carries, in memory and in its attachment (for after hibernation). */
  update(ws: WebSocket, attachment: SocketAttachment) {
    ws.serializeAttachment(attachment);
    this.#state.set(ws, attachment);
  }

  /** Accepts `ws` for its user. If the user already has `max` sockets open here, the oldest
   * are closed first (4409): one person opening tab after tab cannot make every broadcast of
   * the chat cost more for everyone. */
  accept(ws: WebSocket, attachment: SocketAttachment, max: number) {
    const mine = this.all(attachment.user.id).filter((s) => s.readyState === WebSocket.OPEN);
    const oldestFirst = mine.map((s, i) => ({ s, i, at: this.who(s).openedAt ?? 0 })).sort((a, b) => a.at - b.at || a.i - b.i);
    for (const { s } of oldestFirst.slice(0, Math.max(0, mine.length - max + 1))) closeQuietly(s, closeCodes.replaced, "replaced by a newer connection");
    this.ctx.acceptWebSocket(ws, [attachment.user.id]);
    this.update(ws, attachment);
  }

  close(code: number, reason: string, userId?: string, sessionIds?: string[]) {
    for (const ws of this.all(userId)) {
      if (sessionIds && !sessionIds.includes(this.who(ws).sessionId)) continue;
      closeQuietly(ws, code, reason);
    }
  }

  /** Closes (4401) the sockets whose session is over by `now`; returns when the next of the
   * others expires (null: none open). */
  closeExpired(now: number): number | null {
    let next: number | null = null;
    for (const ws of this.all()) {
      const { expiresAt } = this.who(ws);
      if (expiresAt > now) next = Math.min(next ?? expiresAt, expiresAt);
      else closeQuietly(ws, closeCodes.sessionEnded, "session expired");
    }
    return next;
  }

  forget(ws: WebSocket) {
    this.#frames.delete(ws);
    this.#out.drop(ws);
  }

  /** True once a socket sends more than `limit` frames within a 10 s window. */
  flooding(ws: WebSocket, limit: number) {
    const now = Date.now();
    const w = this.#frames.get(ws);
    if (!w || now - w.start >= FLOOD_WINDOW_MS) {
      this.#frames.set(ws, { start: now, count: 1 });
      return false;
    }
    return ++w.count > limit;
  }

  /** Users with an open socket here (a closing socket is passed as `except`). */
  online(except?: WebSocket) {
    const ids = new Set<string>();
    for (const ws of this.all()) if (ws !== except && ws.readyState === WebSocket.OPEN) ids.add(this.who(ws).user.id);
    return [...ids];
  }

  /** Every outgoing frame goes through here (typed), so nothing raw is ever relayed. */
  send(ws: WebSocket, frame: ServerFrame) {
    this.#out.send(ws, JSON.stringify(frame));
  }

  /** A frame that is the same for every viewer: encoded once, not once per socket. */
  broadcast(frame: ServerFrame, except?: (ws: WebSocket) => boolean) {
    const text = JSON.stringify(frame);
    for (const ws of this.all()) if (!except?.(ws)) this.#out.send(ws, text);
  }

  /** `frame` to every socket, and `reply` to `origin` (the socket that caused it: its ack):
   * the others first, then `reply`, and `origin`'s own copy in the next turn, so that no socket
   * gets two frames in one turn and the origin hears back only once its frame went out to
   * everyone else (turn-queue.ts). */
  broadcastWithReply(frame: ServerFrame, origin: WebSocket, reply: ServerFrame) {
    const text = JSON.stringify(frame);
    for (const ws of this.all()) if (ws !== origin) this.#out.send(ws, text);
    this.send(origin, reply);
    this.#out.later(origin, text);
  }

  /** Read marks that moved: one `reads` frame to sockets that asked for batches, a `read`
   * frame per member to the others; each text encoded once. */
  broadcastReads(reads: { userId: string; seq: number }[]) {
    let batch: string | undefined;
    let single: string[] | undefined;
    for (const ws of this.all()) {
      if (this.who(ws).batchReads) this.#out.send(ws, (batch ??= JSON.stringify({ type: "reads", reads } satisfies ServerFrame)));
      else for (const text of (single ??= reads.map((r) => JSON.stringify({ type: "read", ...r } satisfies ServerFrame)))) this.#out.send(ws, text);
    }
  }

  /** Frames that carry `reactions[].me` differ per user: encoded once per user. A user for
   * whom `make` has no frame (null) gets none. */
  broadcastPerUser(make: (viewerId: string) => ServerFrame | null) {
    const encoded = new Map<string, string | null>();
    for (const ws of this.all()) {
      const { user } = this.who(ws);
      if (!encoded.has(user.id)) {
        const frame = make(user.id);
        encoded.set(user.id, frame && JSON.stringify(frame));
      }
      const text = encoded.get(user.id);
      if (text) this.#out.send(ws, text);
    }
  }

  /** A refused frame: the socket stays open. `clientId` ties the refusal to a send. */
  sendError(ws: WebSocket, e: { code: ErrorCode; message: string; retryAfter?: number | undefined }, clientId?: string) {
    this.send(ws, {
      type: "error",
      code: e.code,
      message: e.message,
      ...(clientId === undefined ? {} : { clientId }),
      ...(e.retryAfter === undefined ? {} : { retryAfter: e.retryAfter }),
    });
  }

  /** "`user` is typing", to everyone else, at most once per TYPING_EVERY_MS per user. */
  typing(ws: WebSocket, user: User) {
    const now = Date.now();
    if (now - (this.#typingAt.get(user.id) ?? 0) < TYPING_EVERY_MS) return;
    this.#typingAt.set(user.id, now);
    this.broadcast({ type: "typing", user }, (other) => other === ws || this.who(other).user.id === user.id);
  }

  /** The others' clients stop showing "typing" when `userId`'s message arrives, so typing again
   * right away must be relayed, not swallowed by the rest of the throttle. */
  typingEnded(userId: string) {
    this.#typingAt.delete(userId);
  }

  /** Arrivals and departures are coalesced into one presence frame per PRESENCE_EVERY_MS. One
   * frame per arrival costs arrivals x sockets frames of a growing list: for 1,000 sockets
   * joining, ~500,000 frames and ~7 GB. A newcomer still gets the list at once, in `ready`. */
  presenceChanged() {
    if (this.#presenceDue) return;
    this.#presenceDue = true;
    this.ctx.waitUntil(
      scheduler.wait(PRESENCE_EVERY_MS).then(() => {
        this.#presenceDue = false;
        this.broadcast({ type: "presence", online: this.online() });
      }),
    );
  }
}

function sendText(ws: WebSocket, text: string) {
  try {
    ws.send(text);
  } catch {
    // The socket is closing; its close event cleans up.
  }
}

function closeQuietly(ws: WebSocket, code: number, reason: string) {
  try {
    ws.close(code, reason);
  } catch {
    // already closing
  }
}
