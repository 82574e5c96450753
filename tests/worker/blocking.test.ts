// Blocking (docs/security.md "Blocking"): a blocked person cannot start a direct chat with the
// blocker, invite them, find them, or reach them by push; an existing direct chat between the
// two is closed to new messages from either side while the block stands.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Chat, User } from "#protocol";
import { base64url } from "../../worker/lib/ids.ts";
import { Client, expectError } from "./client.ts";

const block = (by: Client, whom: Client) => by.json<{ user: User }>("PUT", `/api/me/blocks/${whom.user.id}`);
const unblock = (by: Client, whom: Client) => by.json("DELETE", `/api/me/blocks/${whom.user.id}`, undefined, 204);
const sendOver = (c: Client, chatId: string, body = "hi") => c.request("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body });

describe("blocking", () => {
  afterEach(() => vi.restoreAllMocks());

  it("lists the people one blocked, and unblocking takes them off", async () => {
    const [alice, bob, carol] = [await Client.register(), await Client.register(), await Client.register()];
    expect((await alice.json<{ users: User[] }>("GET", "/api/me/blocks")).users).toEqual([]);
    await block(alice, bob);
    await block(alice, carol);
    await block(alice, bob); // twice changes nothing
    expect((await alice.json<{ users: User[] }>("GET", "/api/me/blocks")).users.map((u) => u.id)).toEqual([bob.user.id, carol.user.id]);
    await unblock(alice, bob);
    expect((await alice.json<{ users: User[] }>("GET", "/api/me/blocks")).users.map((u) => u.id)).toEqual([carol.user.id]);
    // Lists are one's own.
    expect((await bob.json<{ users: User[] }>("GET", "/api/me/blocks")).users).toEqual([]);
  });

  it("refuses bad targets with a clear error", async () => {
    const alice = await Client.register();
    await expectError(await alice.request("PUT", `/api/me/blocks/${alice.user.id}`), 400, "invalid_request");
    await expectError(await alice.request("PUT", "/api/me/blocks/nobody-has-this-id"), 404, "not_found");
    await expectError(await new Client().request("GET", "/api/me/blocks"), 401, "unauthenticated");
  });

  it("stops the blocked person from starting a direct chat, until unblocked", async () => {
    const [alice, bob] = [await Client.register(), await Client.register()];
    await block(alice, bob);
    await expectError(await bob.request("POST", "/api/direct", { username: alice.user.username }), 403, "forbidden");
    // The blocker cannot start one either: it could not carry a message.
    await expectError(await alice.request("POST", "/api/direct", { username: bob.user.username }), 403, "forbidden");
    await unblock(alice, bob);
    const { chat } = await bob.json<{ chat: Chat }>("POST", "/api/direct", { username: alice.user.username }, 201);
    expect(chat.kind).toBe("direct");
  });

  it("stops the blocked person from inviting the blocker, until unblocked", async () => {
    const [alice, bob] = [await Client.register(), await Client.register()];
    const chat = await bob.createChat("Bob's");
    await block(alice, bob);
    await expectError(await bob.request("POST", `/api/chats/${chat.id}/invites`, { username: alice.user.username }), 403, "forbidden");
    expect((await alice.json<{ invites: unknown[] }>("GET", "/api/invites")).invites).toEqual([]);
    // The blocker may still invite the person she blocked: it is her choice.
    const own = await alice.createChat("Alice's");
    await alice.json("POST", `/api/chats/${own.id}/invites`, { username: bob.user.username }, 201);
    await unblock(alice, bob);
    await bob.json("POST", `/api/chats/${chat.id}/invites`, { username: alice.user.username }, 201);
  });

  it("hides the blocker from the blocked person's user search", async () => {
    const [alice, bob] = [await Client.register(), await Client.register()];
    const find = async (c: Client, who: Client) => (await c.json<{ users: User[] }>("GET", `/api/users?q=${who.user.username}`)).users.map((u) => u.id);
    expect(await find(bob, alice)).toEqual([alice.user.id]);
    await block(alice, bob);
    expect(await find(bob, alice)).toEqual([]);
    // The blocker still finds the person she blocked (to unblock them).
    expect(await find(alice, bob)).toEqual([bob.user.id]);
    await unblock(alice, bob);
    expect(await find(bob, alice)).toEqual([alice.user.id]);
  });

  it("closes an existing direct chat to new messages from both sides, over HTTP and sockets, and reopens it on unblock", async () => {
    const [alice, bob] = [await Client.register(), await Client.register()];
    const { chat } = await bob.json<{ chat: Chat }>("POST", "/api/direct", { username: alice.user.username }, 201);
    expect((await sendOver(bob, chat.id, "before")).status).toBe(201);
    const ws = await bob.socket(chat.id);
    await ws.next("ready");
    await block(alice, bob);
    await expectError(await sendOver(bob, chat.id), 403, "forbidden");
    await expectError(await sendOver(alice, chat.id), 403, "forbidden");
    const clientId = crypto.randomUUID();
    ws.send({ type: "send", clientId, body: "over the socket" });
    expect((await ws.next("error", (f) => f.clientId === clientId)).code).toBe("forbidden");
    // The history stays readable, and re-opening the pair's chat still works for both.
    const { messages } = await alice.json<{ messages: { body: string }[] }>("GET", `/api/chats/${chat.id}/messages`);
    expect(messages.map((m) => m.body)).toEqual(["before"]);
    expect((await bob.request("POST", "/api/direct", { username: alice.user.username })).status).toBe(200);
    await unblock(alice, bob);
    expect((await sendOver(bob, chat.id, "after")).status).toBe(201);
    ws.close();
  });

  it("keeps a direct chat closed while either of the two still blocks the other", async () => {
    const [alice, bob] = [await Client.register(), await Client.register()];
    const { chat } = await bob.json<{ chat: Chat }>("POST", "/api/direct", { username: alice.user.username }, 201);
    await block(alice, bob);
    await block(bob, alice);
    await unblock(alice, bob);
    await expectError(await sendOver(alice, chat.id), 403, "forbidden");
    await unblock(bob, alice);
    expect((await sendOver(alice, chat.id)).status).toBe(201);
  });

  it("tells each side of a closed direct chat why it is closed, and nothing once it reopens", async () => {
    const [alice, bob] = [await Client.register(), await Client.register()];
    const { chat } = await bob.json<{ chat: Chat }>("POST", "/api/direct", { username: alice.user.username }, 201);
    const closed = async (c: Client) => (await c.json<{ closed?: string }>("GET", `/api/chats/${chat.id}`)).closed;
    expect(await closed(alice)).toBeUndefined();
    expect(await closed(bob)).toBeUndefined();
    await block(alice, bob);
    expect(await closed(alice)).toBe("you_blocked");
    expect(await closed(bob)).toBe("blocked");
    await block(bob, alice);
    expect(await closed(bob)).toBe("you_blocked");
    await unblock(alice, bob);
    expect(await closed(alice)).toBe("blocked");
    await unblock(bob, alice);
    expect(await closed(alice)).toBeUndefined();
    expect(await closed(bob)).toBeUndefined();
    // A group chat is never "closed", whoever blocks whom in it.
    const group = await alice.createChat("Both of us");
    await alice.addMember(group.id, bob);
    await block(alice, bob);
    expect(await closed(bob)).toBe("blocked");
    expect((await bob.json<{ closed?: string }>("GET", `/api/chats/${group.id}`)).closed).toBeUndefined();
  });

  it("sends no push for a blocked person's message in a shared group, but does for others'", async () => {
    const [alice, bob, carol] = [await Client.register(), await Client.register(), await Client.register()];
    const chat = await carol.createChat("Shared");
    await carol.addMember(chat.id, alice);
    await carol.addMember(chat.id, bob);
    for (const c of [alice, carol]) expect((await c.request("POST", "/api/push/subscriptions", await subscription(`https://push.example/${c.user.id}`))).status).toBe(201);
    await block(alice, bob);
    const delivered: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const req = new Request(input as RequestInfo, init);
      if (new URL(req.url).hostname !== "push.example") return realFetch(input as RequestInfo, init);
      delivered.push(new URL(req.url).pathname.slice(1));
      return new Response(null, { status: 201 });
    });
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 150 && !what(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    expect((await sendOver(bob, chat.id, "from bob")).status).toBe(201);
    // Carol's push for the same message is the sign that the round went out.
    await until(() => delivered.includes(carol.user.id));
    expect(delivered).toEqual([carol.user.id]);
    expect((await sendOver(carol, chat.id, "from carol")).status).toBe(201);
    await until(() => delivered.includes(alice.user.id));
    expect(delivered).toEqual([carol.user.id, alice.user.id]);
  });
});

/** A browser's push subscription body with a real P-256 key. */
async function subscription(endpoint: string) {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return { endpoint, keys: { p256dh: base64url(raw), auth: base64url(crypto.getRandomValues(new Uint8Array(16))) } };
}
