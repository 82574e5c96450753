// Inbox: one Durable Object per user. It holds that user's /api/events sockets (one per tab,
// hibernating), turns "something changed in chat X" pokes from ChatRooms and routes into
// `chat` frames with the user's own view of the chat (unread count, role, preview), and sends
// Web Push for new messages in chats the user has no socket open in.
// A poke for a user with no tab open and no push subscription costs one wake-up.
import { DurableObject } from "cloudflare:workers";
import { getDb } from "../db/client.ts";
import { forgetEndpoint, subscriptionsOf } from "../db/push.ts";
import { findChatView } from "../services/chat-view.ts";
import { closeCodes, type Chat, type InboxFrame } from "#protocol";
import { identityHeaders } from "../services/stubs.ts";
import type { PushPreview } from "./preview.ts";
import { settings } from "../lib/settings.ts";
import { hostAllowed, pushRequest, vapidFrom } from "./web-push.ts";

export class Inbox extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alives are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const userId = request.headers.get(identityHeaders.user);
    const sessionId = request.headers.get(identityHeaders.session);
    if (!userId || !sessionId) return new Response("missing identity", { status: 400 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [sessionId]);
    server.serializeAttachment({ userId, sessionId });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage() {
    // The inbox socket is server -> client only; what a client sends is ignored.
  }

  /** A chat `userId` is in changed (new message, read mark, rename, membership). */
  async chatChanged(chatId: string, userId: string, push?: PushPreview) {
    const tabs = this.ctx.getWebSockets().length > 0;
    // Most pokes are for users with no tab open and no push subscription: answer those from
    // this object's own storage, without touching D1 or the chat.
    if (push && !(await this.ctx.storage.get<boolean>("push"))) push = undefined;
    if (!tabs && !push) return;
    const chat = await findChatView(this.env, chatId, userId);
    if (tabs) this.notify(chat && chat.role !== null ? { type: "chat", chat } : { type: "chat_removed", chatId });
    if (push && chat && chat.role !== null && !chat.muted) await this.#push(userId, chat, push);
  }

  /** Sessions were revoked: their tabs' sockets close with 4401. */
  sessionsEnded(sessionIds: string[]) {
    for (const id of sessionIds) {
      for (const ws of this.ctx.getWebSockets(id)) {
        try {
          ws.close(closeCodes.sessionEnded, "session ended");
        } catch {
          // already closing
        }
      }
    }
  }

  /** The Worker tells the inbox whether the user has any push subscription left. */
  async setPushEnabled(enabled: boolean) {
    await this.ctx.storage.put("push", enabled);
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

  async #push(userId: string, chat: Chat, preview: PushPreview) {
    const vapid = vapidFrom(this.env);
    if (!vapid) return;
    const db = getDb(this.env);
    // Checked again at send time: the allow-list may have shrunk since a subscription was saved.
    const hosts = settings(this.env).pushServiceHosts;
    const subs = (await subscriptionsOf(db, userId)).filter((s) => hostAllowed(new URL(s.endpoint).hostname, hosts));
    if (subs.length === 0) return this.setPushEnabled(false);
    const payload = { chatId: chat.id, title: chat.name, sender: preview.sender, body: preview.text, seq: preview.seq, unread: chat.unread };
    await Promise.allSettled(
      subs.map(async (s) => {
        const res = await fetch(await pushRequest(vapid, s, payload));
        // The browser unsubscribed or the subscription expired: stop sending to it.
        if (res.status === 404 || res.status === 410) await forgetEndpoint(db, s.endpoint);
      }),
    );
  }
}
