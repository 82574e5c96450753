// The chat room's real-time contract (docs/api.md "Real time"), through the Worker and the
// ChatRoom Durable Object inside workerd.
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Message } from "#protocol";
import type { ChatRoom } from "../../worker/rooms/chat-room.ts";
import { Client, expectError, Socket } from "./client.ts";

const uuid = () => crypto.randomUUID();

async function pair() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Room");
  await alice.addMember(chat.id, bob);
  return { alice, bob, chat };
}

/** Applies frames the way a client does, to compare a caught-up view with a fresh load. */
function applyFrames(state: Map<number, Message>, frames: Socket["frames"]) {
  for (const f of frames) {
    if (f.type === "message" || f.type === "edited") state.set(f.message.seq, f.message);
    if (f.type === "deleted") {
      const m = state.get(f.seq)!;
      state.set(f.seq, { ...m, deleted: true, body: "", reactions: [], attachments: [], rev: f.rev });
    }
    if (f.type === "reactions") state.set(f.seq, { ...state.get(f.seq)!, reactions: f.reactions, rev: f.rev });
  }
}

async function history(c: Client, chatId: string) {
  const page = await c.json<{ messages: Message[]; rev: number }>("GET", `/api/chats/${chatId}/messages?limit=100`);
  return page;
}

describe("chat socket", () => {
  it("delivers a message to every socket, the sender's own included, after an ack", async () => {
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    const b = await bob.socket(chat.id);
    await a.next("ready");
    await b.next("ready");
    const clientId = uuid();
    a.send({ type: "send", clientId, body: "  привет, Bob  " });
    const ack = await a.next("ack");
    expect(ack).toMatchObject({ clientId });
    const got = await b.next("message");
    expect(got.message).toMatchObject({ seq: ack.seq, rev: ack.rev, body: "привет, Bob", clientId, kind: "text", chatId: chat.id });
    expect(got.message.sender?.id).toBe(alice.user.id);
    expect((await a.next("message")).message.seq).toBe(ack.seq);
    // and back the other way
    b.send({ type: "send", clientId: uuid(), body: "hi Alice" });
    expect((await a.next("message")).message.body).toBe("hi Alice");
    a.close();
    b.close();
  });

  // The sender's own copy leaves a turn after its ack (worker/rooms/turn-queue.ts). Another
  // member's message stored in that same turn must not overtake it: Alice's socket still sees
  // her ack, her copy, then Bob's message, in seq order.
  it("lets nothing overtake a sender's own copy", async () => {
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    await a.next("ready");
    const clientId = uuid();
    await runInDurableObject(env.CHAT_ROOM.getByName(chat.id), async (room: ChatRoom) => {
      const [server] = room.sockets.all(alice.user.id);
      // One turn: Alice's send over her socket, then Bob's over HTTP.
      const sent = room.webSocketMessage(server!, JSON.stringify({ type: "send", clientId, body: "first" }));
      const posted = room.post(bob.user, { clientId: uuid(), body: "second" });
      expect(posted.ok).toBe(true);
      await sent;
    });
    const order = () => a.frames.map((f) => (f.type === "message" ? `message ${f.message.body}` : f.type)).filter((t) => t !== "presence");
    await vi.waitFor(() => expect(order()).toContain("message second"));
    expect(order()).toEqual(["ack", "message first", "message second"]);
    a.close();
  });

  it("stores a duplicate clientId once and acks it with the original seq", async () => {
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    const b = await bob.socket(chat.id);
    await b.next("ready");
    const clientId = uuid();
    a.send({ type: "send", clientId, body: "once" });
    const first = await a.next("ack");
    a.send({ type: "send", clientId, body: "once" });
    const second = await a.next("ack");
    expect(second.seq).toBe(first.seq);
    // The HTTP path shares the same idempotency key: 200 with the original.
    const res = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId, body: "once" }, 200);
    expect(res.message.seq).toBe(first.seq);
    const { messages } = await history(bob, chat.id);
    expect(messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
    await b.next("message");
    await new Promise((r) => setTimeout(r, 100));
    expect(b.frames.filter((f) => f.type === "message")).toHaveLength(0);
    a.close();
    b.close();
  });

  it("numbers messages without gaps or repeats under concurrent senders", async () => {
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    const b = await bob.socket(chat.id);
    await a.next("ready");
    await b.next("ready");
    const perSender = 10; // alice sends 2 x 10: inside the per-user burst of 30
    const http = Array.from({ length: perSender }, (_, i) =>
      alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body: `http ${i}` }, 201),
    );
    for (let i = 0; i < perSender; i++) {
      a.send({ type: "send", clientId: uuid(), body: `a ${i}` });
      b.send({ type: "send", clientId: uuid(), body: `b ${i}` });
    }
    await Promise.all(http);
    const seen: number[] = [];
    for (let i = 0; i < perSender * 3; i++) seen.push((await b.next("message")).message.seq);
    const { messages } = await history(bob, chat.id);
    const seqs = messages.map((m) => m.seq);
    const firstText = seqs[seqs.length - perSender * 3]!;
    expect(seqs.slice(-perSender * 3)).toEqual(Array.from({ length: perSender * 3 }, (_, i) => firstText + i));
    // Live delivery arrives in seq order too.
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    a.close();
    b.close();
  });

  it("answers a bad frame with an error and keeps the socket open", async () => {
    const { alice, chat } = await pair();
    const a = await alice.socket(chat.id);
    await a.next("ready");
    for (const bad of ["not json", "[]", JSON.stringify({ type: "nope" }), JSON.stringify({ type: "send", clientId: "x", body: "hi" }), JSON.stringify({ type: "send", clientId: uuid(), body: "   " })]) {
      a.send(bad);
      expect((await a.next("error")).code).toBe("invalid_request");
    }
    a.ws.send(new Uint8Array([1, 2, 3]));
    expect((await a.next("error")).code).toBe("invalid_request");
    const clientId = uuid();
    a.send({ type: "send", clientId, body: "x".repeat(4001) });
    expect(await a.next("error")).toMatchObject({ code: "invalid_request", clientId });
    a.send({ type: "edit", seq: 999, body: "nothing there" });
    expect((await a.next("error")).code).toBe("not_found");
    a.send({ type: "send", clientId: uuid(), body: "still here" });
    await a.next("ack");
    expect(a.closed).toBeNull();
    a.close();
  });

  it("closes with 1009 on a frame over 64 KiB", async () => {
    const { alice, chat } = await pair();
    const a = await alice.socket(chat.id);
    await a.next("ready");
    a.send({ type: "send", clientId: uuid(), body: "я".repeat(40_000) });
    expect((await a.waitClose())?.code).toBe(1009);
  });

  it("closes with 1008 when a socket floods the room", async () => {
    const { alice, chat } = await pair();
    const a = await alice.socket(chat.id);
    await a.next("ready");
    for (let i = 0; i < 260; i++) a.send({ type: "typing" });
    expect((await a.waitClose())?.code).toBe(1008);
  });

  it("relays typing to others, throttled to once per 3 s per user", async () => {
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    const b = await bob.socket(chat.id);
    await a.next("ready");
    await b.next("ready");
    a.send({ type: "typing" });
    a.send({ type: "typing" });
    expect((await b.next("typing")).user.id).toBe(alice.user.id);
    await new Promise((r) => setTimeout(r, 150));
    expect(b.frames.filter((f) => f.type === "typing")).toHaveLength(0);
    expect(a.frames.filter((f) => f.type === "typing")).toHaveLength(0);
    a.close();
    b.close();
  });

  it("relays typing that starts right after one's own message, within the 3 s throttle", async () => {
    // The others' windows drop "is typing" when the message arrives, so a person who goes on
    // typing at once must show up again, not after the rest of the throttle.
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    const b = await bob.socket(chat.id);
    await a.next("ready");
    await b.next("ready");
    a.send({ type: "typing" });
    await b.next("typing");
    a.send({ type: "send", clientId: uuid(), body: "done with that one" });
    await b.next("message");
    a.send({ type: "typing" });
    expect((await b.next("typing")).user.id).toBe(alice.user.id);
    a.close();
    b.close();
  });

  it("tells who is online and when someone leaves", async () => {
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    expect((await a.next("ready")).online).toEqual([alice.user.id]);
    const b = await bob.socket(chat.id);
    expect(new Set((await b.next("ready")).online)).toEqual(new Set([alice.user.id, bob.user.id]));
    expect(new Set((await a.next("presence")).online)).toEqual(new Set([alice.user.id, bob.user.id]));
    b.close();
    expect((await a.next("presence", (f) => f.online.length === 1)).online).toEqual([alice.user.id]);
    a.close();
  });

  it("shares read marks and only moves them forward", async () => {
    const { alice, bob, chat } = await pair();
    const a = await alice.socket(chat.id);
    const b = await bob.socket(chat.id);
    await a.next("ready");
    await b.next("ready");
    a.send({ type: "send", clientId: uuid(), body: "read me" });
    const { seq } = await a.next("ack");
    expect((await bob.json("GET", `/api/chats/${chat.id}`)).chat.unread).toBe(1);
    b.send({ type: "read", seq });
    expect(await a.next("read", (f) => f.userId === bob.user.id)).toEqual({ type: "read", userId: bob.user.id, seq });
    b.send({ type: "read", seq: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const { chat: seen, members } = await bob.json("GET", `/api/chats/${chat.id}`);
    expect(seen).toMatchObject({ lastReadSeq: seq, unread: 0 });
    // Everyone's read mark comes with the member list, so "read" ticks survive a reload.
    expect(members.find((m: { user: { id: string } }) => m.user.id === bob.user.id).lastReadSeq).toBe(seq);
    a.close();
    b.close();
  });

  it("announces a second's read marks together: one reads frame to sockets that ask for batches, one read frame per reader to the others", async () => {
    const { alice, bob, chat } = await pair();
    const batched = await alice.socket(chat.id, undefined, { reads: "batch" });
    const single = await alice.socket(chat.id);
    const b = await bob.socket(chat.id);
    for (const s of [batched, single, b]) await s.next("ready");
    batched.send({ type: "send", clientId: uuid(), body: "one" });
    const first = await batched.next("ack");
    batched.send({ type: "send", clientId: uuid(), body: "two" });
    const second = await batched.next("ack");
    await b.next("message", (f) => f.message.seq === second.seq);
    // Sending moved Alice's own mark: announced like a read.
    expect(await batched.next("reads", (f) => f.reads.some((r) => r.seq === second.seq))).toEqual({ type: "reads", reads: [{ userId: alice.user.id, seq: second.seq }] });
    expect(await single.next("read", (f) => f.seq === second.seq)).toEqual({ type: "read", userId: alice.user.id, seq: second.seq });
    for (const s of [batched, single]) s.frames = s.frames.filter((f) => f.type !== "read" && f.type !== "reads");
    // Two moves of Bob's within the interval: likewise.
    b.send({ type: "read", seq: first.seq });
    b.send({ type: "read", seq: second.seq });
    expect(await batched.next("reads")).toEqual({ type: "reads", reads: [{ userId: bob.user.id, seq: second.seq }] });
    expect(batched.frames.filter((f) => f.type === "read" || f.type === "reads")).toEqual([]);
    expect(await single.next("read")).toEqual({ type: "read", userId: bob.user.id, seq: second.seq });
    expect(single.frames.filter((f) => f.type === "read" || f.type === "reads")).toEqual([]);
    // Stored: the member list (as after a reload) and the unread count say so.
    const { chat: seen, members } = await bob.json("GET", `/api/chats/${chat.id}`);
    expect(seen).toMatchObject({ lastReadSeq: second.seq, unread: 0 });
    expect(members.find((m: { user: { id: string } }) => m.user.id === bob.user.id).lastReadSeq).toBe(second.seq);
    for (const s of [batched, single, b]) s.close();
  });
});

describe("catch-up", () => {
  async function busyChat() {
    const ctx = await pair();
    const { alice, bob, chat } = ctx;
    const post = (c: Client, body: string) => c.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body }, 201);
    const m1 = (await post(alice, "one")).message;
    const m2 = (await post(bob, "two")).message;
    return { ...ctx, post, m1, m2 };
  }

  async function changeEverything(ctx: Awaited<ReturnType<typeof busyChat>>) {
    const { alice, bob, chat, post, m1, m2 } = ctx;
    await post(alice, "three");
    await alice.json("PATCH", `/api/chats/${chat.id}/messages/${m1.seq}`, { body: "one (edited)" });
    await bob.json("DELETE", `/api/chats/${chat.id}/messages/${m2.seq}`, undefined, 204);
    await bob.json("PUT", `/api/chats/${chat.id}/messages/${m1.seq}/reactions/${encodeURIComponent("👍")}`, undefined, 204);
    const m4 = (await post(bob, "four")).message;
    await alice.json("PUT", `/api/chats/${chat.id}/messages/${m4.seq}/reactions/${encodeURIComponent("🔥")}`, undefined, 204);
  }

  async function expectSameAsFresh(client: Client, chatId: string, state: Map<number, Message>, ready: { rev: number }) {
    const fresh = await history(client, chatId);
    expect(ready.rev).toBe(fresh.rev);
    const strip = (m: Message) => ({ ...m, sender: m.sender?.id ?? null });
    expect([...state.values()].sort((x, y) => x.seq - y.seq).map(strip)).toEqual(fresh.messages.map(strip));
  }

  it("brings a client that dropped its socket to the same state as a fresh load", async () => {
    const ctx = await busyChat();
    const { bob, chat } = ctx;
    const state = new Map<number, Message>();
    const start = await history(bob, chat.id);
    for (const m of start.messages) state.set(m.seq, m);
    const b = await bob.socket(chat.id, start.rev);
    await b.next("ready");
    b.close();
    await changeEverything(ctx);
    const again = await bob.socket(chat.id, start.rev);
    const ready = await again.next("ready");
    applyFrames(state, again.frames.splice(0));
    await expectSameAsFresh(bob, chat.id, state, ready);
    again.close();
  });

  it("replays the same changes after the room hibernates (eviction)", async () => {
    const ctx = await busyChat();
    const { alice, chat } = ctx;
    const state = new Map<number, Message>();
    const start = await history(alice, chat.id);
    for (const m of start.messages) state.set(m.seq, m);
    const live = await alice.socket(chat.id, start.rev);
    await live.next("ready");
    await changeEverything(ctx);
    await evictDurableObject(env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chat.id)));
    // The socket survived the eviction: it still sends, and the room still knows who it is.
    live.send({ type: "send", clientId: uuid(), body: "after eviction" });
    const ack = await live.next("ack");
    expect(ack.seq).toBe(start.messages.at(-1)!.seq + 3);
    const again = await alice.socket(chat.id, start.rev);
    const ready = await again.next("ready");
    applyFrames(state, again.frames.splice(0));
    await expectSameAsFresh(alice, chat.id, state, ready);
    live.close();
    again.close();
  });

  it("sends only ready without since, and nothing before it for an up-to-date client", async () => {
    const { alice, chat } = await busyChat();
    const a = await alice.socket(chat.id);
    const first = await a.next("ready");
    expect(a.frames).toHaveLength(0);
    const b = await alice.socket(chat.id, first.rev);
    await b.next("ready");
    expect(b.frames.filter((f) => f.type !== "presence")).toHaveLength(0);
    a.close();
    b.close();
  });
});

describe("history over HTTP", () => {
  it("pages backwards and forwards by seq", async () => {
    const { alice, chat } = await pair();
    for (let i = 1; i <= 12; i++) await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body: `m${i}` }, 201);
    // seq 1 is bob's "joined" system message; texts are seq 2..13.
    const latest = await alice.json<{ messages: Message[]; hasMore: boolean }>("GET", `/api/chats/${chat.id}/messages?limit=5`);
    expect(latest.messages.map((m) => m.seq)).toEqual([9, 10, 11, 12, 13]);
    expect(latest.hasMore).toBe(true);
    const older = await alice.json<{ messages: Message[]; hasMore: boolean }>("GET", `/api/chats/${chat.id}/messages?before=9&limit=5`);
    expect(older.messages.map((m) => m.seq)).toEqual([4, 5, 6, 7, 8]);
    const oldest = await alice.json<{ messages: Message[]; hasMore: boolean }>("GET", `/api/chats/${chat.id}/messages?before=4&limit=5`);
    expect(oldest.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(oldest.hasMore).toBe(false);
    expect(oldest.messages[0]).toMatchObject({ kind: "system", sender: null });
    const newer = await alice.json<{ messages: Message[]; hasMore: boolean }>("GET", `/api/chats/${chat.id}/messages?after=10&limit=2`);
    expect(newer.messages.map((m) => m.seq)).toEqual([11, 12]);
    expect(newer.hasMore).toBe(true);
  });

  it("opens a page around a message, centred on it, full near either end", async () => {
    const { alice, chat } = await pair();
    for (let i = 1; i <= 20; i++) await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body: `m${i}` }, 201);
    type Page = { messages: Message[]; hasMore: boolean; hasNewer: boolean };
    const page = (q: string) => alice.json<Page>("GET", `/api/chats/${chat.id}/messages?${q}`);
    // seq 1 is bob's "joined" system message; texts are seq 2..21.
    const middle = await page("around=10&limit=5");
    expect(middle.messages.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
    expect([middle.hasMore, middle.hasNewer]).toEqual([true, true]);
    const even = await page("around=10&limit=4");
    expect(even.messages.map((m) => m.seq)).toEqual([8, 9, 10, 11]);
    const start = await page("around=2&limit=5");
    expect(start.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect([start.hasMore, start.hasNewer]).toEqual([false, true]);
    const end = await page("around=21&limit=5");
    expect(end.messages.map((m) => m.seq)).toEqual([17, 18, 19, 20, 21]);
    expect([end.hasMore, end.hasNewer]).toEqual([true, false]);
    const past = await page("around=500&limit=3");
    expect(past.messages.map((m) => m.seq)).toEqual([19, 20, 21]);
    expect(past.hasNewer).toBe(false);
    const everything = await page("around=11");
    expect(everything.messages.map((m) => m.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect([everything.hasMore, everything.hasNewer]).toEqual([false, false]);
  });

  it("says in a reply whether its original was deleted, an empty excerpt being no proof", async () => {
    const { alice, bob, chat } = await pair();
    const post = async (body: string, replyTo?: number) =>
      (await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body, ...(replyTo ? { replyTo } : {}) }, 201)).message;
    const original = await post("original");
    const kept = await post("kept");
    const reply = await post("answer", original.seq);
    const other = await post("answer too", kept.seq);
    expect(reply.replyTo).toMatchObject({ seq: original.seq, excerpt: "original", deleted: false });
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${original.seq}`, undefined, 204);
    const { messages } = await history(bob, chat.id);
    expect(messages.find((m) => m.seq === reply.seq)!.replyTo).toMatchObject({ seq: original.seq, excerpt: "", deleted: true });
    expect(messages.find((m) => m.seq === other.seq)!.replyTo).toMatchObject({ excerpt: "kept", deleted: false });
  });

  it("rejects bad paging parameters with invalid_request", async () => {
    const { alice, chat } = await pair();
    for (const q of ["limit=0", "limit=101", "before=abc", "before=1&after=1", "after=-1", "around=0", "around=x", "around=3&before=5", "around=3&after=1"]) {
      await expectError(await alice.request("GET", `/api/chats/${chat.id}/messages?${q}`), 400, "invalid_request");
    }
  });

  it("lets only the sender edit and the sender or an owner delete", async () => {
    const { alice, bob, chat } = await pair();
    const { message } = await bob.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body: "bob's" }, 201);
    await expectError(await alice.request("PATCH", `/api/chats/${chat.id}/messages/${message.seq}`, { body: "hacked" }), 403, "forbidden");
    const { message: mine } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body: "alice's" }, 201);
    await expectError(await bob.request("DELETE", `/api/chats/${chat.id}/messages/${mine.seq}`), 403, "forbidden");
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${message.seq}`, undefined, 204);
    await expectError(await alice.request("PUT", `/api/chats/${chat.id}/messages/${message.seq}/reactions/${encodeURIComponent("👍")}`), 404, "not_found");
    await expectError(await alice.request("PUT", `/api/chats/${chat.id}/messages/${mine.seq}/reactions/notanemoji`), 400, "invalid_request");
    const { messages } = await history(alice, chat.id);
    expect(messages.find((m) => m.seq === message.seq)).toMatchObject({ deleted: true, body: "", reactions: [] });
  });
});

describe("message rate limit", () => {
  // The bucket refills once a second; on a loaded machine 30 acks can take longer than that,
  // and the 31st would then pass. The clock is held still, so the test is not a race with it.
  afterEach(() => vi.useRealTimers());

  it("allows a burst, then refuses with rate_limited and Retry-After, writing nothing", async () => {
    const { alice, bob, chat } = await pair();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    const a = await alice.socket(chat.id);
    await a.next("ready");
    // The default burst is 30 messages per user per chat.
    for (let i = 0; i < 30; i++) a.send({ type: "send", clientId: uuid(), body: `burst ${i}` });
    for (let i = 0; i < 30; i++) await a.next("ack");
    const refused = uuid();
    a.send({ type: "send", clientId: refused, body: "one too many" });
    const error = await a.next("error");
    expect(error).toMatchObject({ code: "rate_limited", clientId: refused });
    expect(error.retryAfter).toBeGreaterThan(0);
    const res = await alice.request("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body: "over HTTP too" });
    await expectError(res, 429, "rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const { messages } = await history(bob, chat.id);
    expect(messages.filter((m) => m.kind === "text")).toHaveLength(30);
    // Another member is not limited by alice's burst.
    await bob.json("POST", `/api/chats/${chat.id}/messages`, { clientId: uuid(), body: "me too" }, 201);
    a.close();
  });
});

describe("session end", () => {
  it("closes the sockets of a signed-out session with 4401 and leaves other sessions' open", async () => {
    const { alice, chat } = await pair();
    const laptop = alice;
    const phone = new Client();
    phone.user = alice.user;
    await phone.json("POST", "/api/auth/login", { username: alice.user.username, password: "correct horse battery staple" });
    const onLaptop = await laptop.socket(chat.id);
    const onPhone = await phone.socket(chat.id);
    await onLaptop.next("ready");
    await onPhone.next("ready");
    await phone.json("POST", "/api/auth/logout", undefined, 204);
    expect((await onPhone.waitClose())?.code).toBe(4401);
    onLaptop.send({ type: "send", clientId: uuid(), body: "still signed in here" });
    await onLaptop.next("ack");
    expect(onLaptop.closed).toBeNull();
    onLaptop.close();
  });

  it("closes every other session's sockets when the password changes", async () => {
    const { alice, chat } = await pair();
    const other = new Client();
    await other.json("POST", "/api/auth/login", { username: alice.user.username, password: "correct horse battery staple" });
    const sock = await other.socket(chat.id);
    await sock.next("ready");
    await alice.json("POST", "/api/me/password", { currentPassword: "correct horse battery staple", newPassword: "a much better passphrase 2026" }, 204);
    expect((await sock.waitClose())?.code).toBe(4401);
  });
});
