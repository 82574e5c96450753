// The engine's floor: a Durable Object that relays and does nothing else. Same runtime, same
// `wrangler dev` entry proxy and the same hibernatable socket API as the app's room, but no
// auth, no validation beyond shape, no storage. The distance from the raw Node server to this
// is what the platform costs; the distance from this to the app is what the app costs.
//
//   WebSocket /ws/<room>  `ready` on connect; a `send` frame is numbered, broadcast (encoded
//                         once) to every other socket, acked to the sender, and the sender's
//                         own copy follows a turn later through the app's own queue
//                         (worker/rooms/turn-queue.ts): the app's send order, in the raw
//                         baseline's protocol (bench/baseline-server.mjs), so the same client
//                         code drives both.
import { DurableObject } from "cloudflare:workers";
import { TurnQueue } from "../../worker/rooms/turn-queue.ts";

// A sender profile of the same size as the app's, so frames on the wire are comparable.
const sender = { id: "relaysender000000000000", username: "relay_sender", displayName: "relay_sender", bio: "", avatarUrl: null };

export class Relay extends DurableObject {
  // Sockets live in memory and are rebuilt from the runtime's list when the object wakes;
  // the counter restarting after an eviction does not matter to a relay.
  #sockets = new Set(this.ctx.getWebSockets());
  #seq = 0;
  #out = new TurnQueue((ws, text) => {
    try {
      ws.send(text);
    } catch {
      this.#sockets.delete(ws);
    }
  });

  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    this.#sockets.add(server);
    server.send(JSON.stringify({ type: "ready", rev: this.#seq, lastSeq: this.#seq, online: [] }));
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws, data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame?.type !== "send" || typeof frame.clientId !== "string" || typeof frame.body !== "string") return;
    const seq = ++this.#seq;
    const message = {
      chatId: "relay", seq, rev: seq, clientId: frame.clientId, kind: "text", sender, body: frame.body,
      createdAt: new Date().toISOString(), editedAt: null, deleted: false, replyTo: null, attachments: [], reactions: [],
    };
    const text = JSON.stringify({ type: "message", message });
    for (const other of this.#sockets) if (other !== ws) this.#out.send(other, text);
    this.#out.send(ws, JSON.stringify({ type: "ack", clientId: frame.clientId, seq, rev: seq }));
    this.#out.later(ws, text);
  }

  webSocketClose(ws) {
    this.#sockets.delete(ws);
    this.#out.drop(ws);
  }

  webSocketError(ws) {
    this.webSocketClose(ws);
  }
}

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response('{"ok":true}');
    const m = /^\/ws\/([^/]{1,100})$/.exec(url.pathname);
    if (!m || request.headers.get("upgrade") !== "websocket") return new Response("not found", { status: 404 });
    return env.RELAY.getByName(m[1]).fetch(request);
  },
};
