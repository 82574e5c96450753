// The per-user inbox socket (docs/api.md "Real time", inbox socket): live chat-list entries and
// invites.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { InboxFrame } from "#protocol";
import { Client, expectError } from "./client.ts";

async function inbox(c: Client) {
  const res = await c.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const frames: InboxFrame[] = [];
  ws.addEventListener("message", (e) => frames.push(JSON.parse(e.data as string)));
  const next = async <T extends InboxFrame["type"]>(type: T, pred: (f: Extract<InboxFrame, { type: T }>) => boolean = () => true) => {
    for (let i = 0; i < 200; i++) {
      const idx = frames.findIndex((f) => f.type === type && pred(f as Extract<InboxFrame, { type: T }>));
      if (idx >= 0) return frames.splice(idx, 1)[0] as Extract<InboxFrame, { type: T }>;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no ${type} frame; got ${JSON.stringify(frames)}`);
  };
  return { ws, frames, next };
}

describe("inbox socket", () => {
  it("refuses signed-out and cross-site upgrades", async () => {
    await expectError(await new Client().request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" } }), 401, "unauthenticated");
    const alice = await Client.register();
    await expectError(await alice.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" }, origin: "https://evil.example" }), 403, "bad_origin");
    await expectError(await alice.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" }, origin: null }), 403, "bad_origin");
  });

  it("announces an invite, then the chat with its unread count as messages arrive", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const events = await inbox(bob);
    const chat = await alice.createChat("Новости");
    const { invite } = await alice.json("POST", `/api/chats/${chat.id}/invites`, { username: bob.user.username }, 201);
    expect((await events.next("invite")).invite).toMatchObject({ id: invite.id, chat: { id: chat.id, name: "Новости" } });
    await bob.json("POST", `/api/invites/${invite.id}/accept`);
    expect((await events.next("invite_removed")).id).toBe(invite.id);
    await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "срочно" }, 201);
    const entry = await events.next("chat", (f) => f.chat.lastMessage?.body === "срочно");
    expect(entry.chat).toMatchObject({ id: chat.id, role: "member", unread: 1, memberCount: 2 });
    events.ws.close();
  });

  it("shows a mute or unmute in the user's other tabs at once", async () => {
    const alice = await Client.register();
    const chat = await alice.createChat("Шумный");
    const otherTab = await inbox(alice);
    await alice.json("PATCH", `/api/chats/${chat.id}/settings`, { muted: true });
    expect((await otherTab.next("chat", (f) => f.chat.id === chat.id)).chat).toMatchObject({ id: chat.id, muted: true });
    await alice.json("PATCH", `/api/chats/${chat.id}/settings`, { muted: false });
    expect((await otherTab.next("chat", (f) => f.chat.id === chat.id)).chat).toMatchObject({ id: chat.id, muted: false });
    otherTab.ws.close();
  });

  it("closes a tab's socket that only listens when its session expires", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const expiresAt = Date.now() + 1500;
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(new Date(expiresAt).toISOString(), bob.user.id).run();
    const bobsTab = await inbox(bob);
    const alicesTab = await inbox(alice);
    const closed = new Promise<number>((resolve) => bobsTab.ws.addEventListener("close", (e) => resolve(e.code)));
    const code = await Promise.race([closed, new Promise<"open">((r) => setTimeout(() => r("open"), 10_000))]);
    expect(code).toBe(4401);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    // Alice's session goes on: her tab still hears about her chats.
    const chat = await alice.createChat("Later");
    await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "still live" }, 201);
    await alicesTab.next("chat", (f) => f.chat.lastMessage?.body === "still live");
    alicesTab.ws.close();
  });
});
