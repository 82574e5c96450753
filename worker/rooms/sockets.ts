// The room's sockets as a group: typed sends, broadcasts encoded once, presence, and the
// per-socket flood guard. Identity always comes from the socket's attachment (set by the
// Worker-authenticated upgrade), never from what a client sends.
import type { Role, ServerFrame, User } from "#protocol";

export interface SocketAttachment {
  user: User;
  role: Role;
  /** The session that opened the socket: revoking it closes the socket (4401). */
  sessionId: string;
  /** When that session expires (ms since epoch): the socket closes (4401) at its next frame. */
  expiresAt: number;
}

const FLOOD_WINDOW_MS = 10_000;

export class RoomSockets {
  // Flood counters may vanish on eviction: an idle room has nobody flooding it.
  #frames = new Map<WebSocket, { start: number; count: number }>();

  constructor(private ctx: DurableObjectState) {}

  all(tag?: string) {
    return this.ctx.getWebSockets(tag);
  }

  who(ws: WebSocket) {
    return ws.deserializeAttachment() as SocketAttachment;
  }

  accept(ws: WebSocket, attachment: SocketAttachment) {
    this.ctx.acceptWebSocket(ws, [attachment.user.id]);
    ws.serializeAttachment(attachment);
  }

  setRole(userId: string, role: Role) {
    for (const ws of this.all(userId)) ws.serializeAttachment({ ...this.who(ws), role } satisfies SocketAttachment);
  }

  close(code: number, reason: string, userId?: string, sessionIds?: string[]) {
    for (const ws of this.all(userId)) {
      if (sessionIds && !sessionIds.includes(this.who(ws).sessionId)) continue;
      try {
        ws.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  forget(ws: WebSocket) {
    this.#frames.delete(ws);
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
    sendText(ws, JSON.stringify(frame));
  }

  /** A frame that is the same for every viewer: encoded once, not once per socket. */
  broadcast(frame: ServerFrame, except?: (ws: WebSocket) => boolean) {
    const text = JSON.stringify(frame);
    for (const ws of this.all()) if (!except?.(ws)) sendText(ws, text);
  }

  /** Frames that carry `reactions[].me` differ per user: encoded once per user. */
  broadcastPerUser(make: (viewerId: string) => ServerFrame) {
    const encoded = new Map<string, string>();
    for (const ws of this.all()) {
      const { user } = this.who(ws);
      let text = encoded.get(user.id);
      if (text === undefined) encoded.set(user.id, (text = JSON.stringify(make(user.id))));
      sendText(ws, text);
    }
  }
}

function sendText(ws: WebSocket, text: string) {
  try {
    ws.send(text);
  } catch {
    // The socket is closing; its close event cleans up.
  }
}
