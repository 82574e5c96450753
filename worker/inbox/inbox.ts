// Inbox: one Durable Object per user. It holds that user's /api/events sockets (one per tab,
// hibernating) and turns "something changed in chat X" pokes from ChatRooms and routes into
// `chat` frames with the user's own view of the chat (unread count, role, preview).
// A poke for a user with no tab open costs one wake-up and nothing else.
import { DurableObject } from "cloudflare:workers";
import type { InboxFrame } from "../protocol/index.ts";
import { chatView } from "../lib/chat-view.ts";
import { identityHeaders } from "../rooms/stubs.ts";

export class Inbox extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alives are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const userId = request.headers.get(identityHeaders.user);
    if (!userId) return new Response("missing identity", { status: 400 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ userId });
    await this.ctx.storage.put("userId", userId);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage() {
    // The inbox socket is server -> client only; what a client sends is ignored.
  }

  /** A chat this user is in changed (new message, read mark, rename, membership). */
  async chatChanged(chatId: string) {
    if (this.ctx.getWebSockets().length === 0) return;
    const userId = await this.ctx.storage.get<string>("userId");
    if (!userId) return;
    const chat = await chatView(this.env, chatId, userId);
    this.notify(chat && chat.role !== null ? { type: "chat", chat } : { type: "chat_removed", chatId });
  }

  notify(frame: InboxFrame) {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(text);
      } catch {
        // closing
      }
    }
  }
}
