// Inbox: one Durable Object per user, addressed by the user id. It holds that user's
// /api/events sockets (one per tab, hibernating), turns "something changed in chat X" pokes
// from ChatRooms and the Worker into `chat` frames with the user's own view of the chat (unread
// count, role, preview), and sends Web Push for new messages in chats the user has no socket
// open in. A poke for a user with no tab open and no push subscription costs one wake-up.
import { DurableObject } from "cloudflare:workers";
import { getDb } from "../db/client.ts";
import { forgetEndpoint, subscriptionsOf } from "../db/push.ts";
import { readInboxCaller } from "../lib/identity.ts";
import { settings } from "../lib/settings.ts";
import { settle } from "../services/calls.ts";
import { findChatView } from "../services/chat-view.ts";
import { closeCodes, limits, type Chat, type InboxFrame, type User } from "#protocol";
import type { Summary } from "../rooms/summary.ts";
import type { PushPreview } from "./preview.ts";
import { hostAllowed, pushRequest, vapidFrom } from "./web-push.ts";

export class Inbox extends DurableObject<Env> {
  /** The user this inbox serves: the name the Worker reached it by (services/stubs.ts). */
  readonly userId: string;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Known in every event of an object reached by name (see ChatRoom's constructor).
    if (ctx.id.name === undefined) throw new Error("an Inbox is addressed by its user id (getByName)");
    this.userId = ctx.id.name;
    // Keep-alives are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const caller = readInboxCaller(request.headers);
    if (!caller) return new Response("missing identity", { status: 400 });
    // One socket per tab, and no more than limits.socketsPerUser of them: each one is woken by
    // every change of every chat the user is in, so the oldest makes way for a new one (4409).
    const open = this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN);
    const oldestFirst = open.map((ws, i) => ({ ws, i, at: openedAt(ws) })).sort((a, b) => a.at - b.at || a.i - b.i);
    for (const { ws } of oldestFirst.slice(0, Math.max(0, open.length - limits.socketsPerUser + 1))) close(ws, closeCodes.replaced, "replaced by a newer connection");
    const { 0: client, 1: server } = new WebSocketPair();
    // Tagged by session, so that revoking a session closes exactly its tabs.
    this.ctx.acceptWebSocket(server, [caller.sessionId]);
    server.serializeAttachment({ openedAt: Date.now(), expiresAt: caller.expiresAt } satisfies InboxSocket);
    // A tab that only listens would otherwise outlive its session: the alarm closes it then.
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > caller.expiresAt) await this.ctx.storage.setAlarm(caller.expiresAt);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Closes the sockets whose session has ended by time (4401), and wakes again for the next. */
  override async alarm() {
    const now = Date.now();
    let next: number | null = null;
    for (const ws of this.ctx.getWebSockets()) {
      const { expiresAt } = attachmentOf(ws);
      if (expiresAt === undefined) continue;
      if (expiresAt <= now) close(ws, closeCodes.sessionEnded, "session expired");
      else next = Math.min(next ?? expiresAt, expiresAt);
    }
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  override async webSocketMessage() {
    // The inbox socket is server -> client only; what a client sends is ignored.
  }

  /** A chat this user is in changed (new message, read mark, rename, membership). A room's
   * poke carries the user's `summary` of it; a poke from the Worker does not, and the room is
   * asked. */
  async chatChanged(chatId: string, push?: PushPreview, summary?: Summary) {
    const tabs = this.ctx.getWebSockets().length > 0;
    // No push while the person has the app open (an inbox socket): the page notifies them
    // itself, and one message must not notify twice. Most pokes are for users with no tab open
    // and no push subscription: answer those from this object's own storage, without touching
    // D1 or the chat.
    if (tabs) push = undefined;
    if (push && !(await this.ctx.storage.get<boolean>("push"))) push = undefined;
    // Someone this user blocked reaches them by no push, in a group chat either.
    if (push?.senderId && (await this.ctx.storage.get<string[]>("blocked"))?.includes(push.senderId)) push = undefined;
    if (!tabs && !push) return;
    const chat = await findChatView(this.env, chatId, this.userId, summary);
    if (tabs) this.notify(chat && chat.role !== null ? { type: "chat", chat } : { type: "chat_removed", chatId });
    // A mention reaches the person even in a chat they muted.
    if (push && chat && chat.role !== null && (!chat.muted || push.mention)) await this.#push(chat, push);
  }

  /** The user, or someone who shares a chat with them, changed their profile: open tabs
   * redraw names and pictures in the chat list. Nothing is stored; a tab that is not open
   * reads the new profile when it next loads the list. */
  profileChanged(user: User) {
    if (this.ctx.getWebSockets().length > 0) this.notify({ type: "profile", user });
  }

  /** Sessions were revoked: their tabs' sockets close with 4401. */
  sessionsEnded(sessionIds: string[]) {
    for (const id of sessionIds) for (const ws of this.ctx.getWebSockets(id)) close(ws, closeCodes.sessionEnded, "session ended");
  }

  /** The Worker tells the inbox whether the user has any push subscription left. */
  async setPushEnabled(enabled: boolean) {
    await this.ctx.storage.put("push", enabled);
  }

  /** The Worker keeps here the ids of the people this user blocked (services/blocks.ts): a
   * copy, so that deciding a push costs no D1 query. */
  async setBlocked(ids: string[]) {
    await this.ctx.storage.put("blocked", ids);
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

  async #push(chat: Chat, preview: PushPreview) {
    const vapid = vapidFrom(this.env);
    if (!vapid) return;
    const db = getDb(this.env);
    // Checked again at send time: the allow-list may have shrunk since a subscription was saved.
    const hosts = settings(this.env).pushServiceHosts;
    const subs = (await subscriptionsOf(db, this.userId)).filter((s) => hostAllowed(new URL(s.endpoint).hostname, hosts));
    if (subs.length === 0) return this.setPushEnabled(false);
    const payload = { chatId: chat.id, title: chat.name, sender: preview.sender, body: preview.text, seq: preview.seq, unread: chat.unread, mention: preview.mention };
    // An endpoint URL is a capability: only its host goes into a failure's log line.
    await settle("push.send", subs.map((s) => new URL(s.endpoint).hostname), async (_host, i) => {
      const s = subs[i];
      if (!s) return;
      // Never followed: a push service answers a send itself, and a redirect could point the
      // Worker's POST anywhere (the allow-list checks only the first host).
      const res = await fetch(await pushRequest(vapid, s, payload), { redirect: "manual" });
      // The browser unsubscribed or the subscription expired: stop sending to it.
      if (res.status === 404 || res.status === 410) await forgetEndpoint(db, s.endpoint);
    });
  }
}

/** What an inbox socket carries through hibernation. Sockets accepted before a field existed
 * lack it: no `openedAt` counts as the oldest, no `expiresAt` as never closed by time (their
 * session's revocation still closes them). */
interface InboxSocket {
  openedAt?: number;
  expiresAt?: number;
}

function attachmentOf(ws: WebSocket): InboxSocket {
  return (ws.deserializeAttachment() as InboxSocket | null) ?? {};
}

/** When an inbox socket was accepted; 0 for sockets from before the cap (the oldest). */
function openedAt(ws: WebSocket): number {
  return attachmentOf(ws).openedAt ?? 0;
}

function close(ws: WebSocket, code: number, reason: string) {
  try {
    ws.close(code, reason);
  } catch {
    // already closing
  }
}
