// One person cannot make a chat costlier for everyone by opening socket after socket
// (docs/api.md close code 4409): at most 20 of one user's sockets per chat, and 20 inbox sockets
// per user; a new one beyond that closes that user's oldest.
import { describe, expect, it } from "vitest";
import { limits } from "#protocol";
import { Client, Socket } from "./client.ts";

async function inboxSocket(c: Client) {
  const res = await c.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" } });
  expect(res.status).toBe(101);
  res.webSocket!.accept();
  return new Socket(res.webSocket!);
}

describe("sockets per person", () => {
  it("closes a user's oldest chat socket with 4409 when they open more than 20 in one chat", async () => {
    expect(limits.socketsPerUser).toBe(20);
    const alice = await Client.register();
    const bob = await Client.register();
    const chat = await alice.createChat("Tabs");
    await alice.addMember(chat.id, bob);
    const bobs = await bob.socket(chat.id);
    await bobs.next("ready");
    const tabs: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      tabs.push(await alice.socket(chat.id));
      await tabs.at(-1)!.next("ready");
    }
    expect(tabs.some((t) => t.closed)).toBe(false);
    const newest = await alice.socket(chat.id);
    await newest.next("ready");
    expect((await tabs[0]!.waitClose())?.code).toBe(4409);
    // The other nineteen, the newest and bob's socket stay open and keep receiving.
    bob.request("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "hello, all of you" });
    for (const s of [...tabs.slice(1), newest, bobs]) expect((await s.next("message")).message.body).toBe("hello, all of you");
    expect([...tabs.slice(1), newest, bobs].filter((s) => s.closed)).toEqual([]);
    // One more: the next oldest goes.
    const another = await alice.socket(chat.id);
    await another.next("ready");
    expect((await tabs[1]!.waitClose())?.code).toBe(4409);
    expect(tabs.slice(2).some((t) => t.closed)).toBe(false);
    for (const s of [...tabs.slice(2), newest, another, bobs]) s.close();
  });

  it("closes a user's oldest inbox socket with 4409 when they open more than 20", async () => {
    const alice = await Client.register();
    const tabs: Socket[] = [];
    for (let i = 0; i < 20; i++) tabs.push(await inboxSocket(alice));
    const newest = await inboxSocket(alice);
    expect((await tabs[0]!.waitClose())?.code).toBe(4409);
    expect(tabs.slice(1).some((t) => t.closed)).toBe(false);
    // The survivors still get the user's events.
    const bob = await Client.register();
    const chat = await bob.createChat("For alice");
    await bob.json("POST", `/api/chats/${chat.id}/invites`, { username: alice.user.username }, 201);
    const invited = async (s: Socket) => {
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !s.frames.some((f) => (f as { type: string }).type === "invite")) await new Promise((r) => setTimeout(r, 20));
      return s.frames.some((f) => (f as { type: string }).type === "invite");
    };
    expect(await invited(newest)).toBe(true);
    expect(await invited(tabs[19]!)).toBe(true);
    for (const s of [...tabs.slice(1), newest]) s.close();
  });
});
