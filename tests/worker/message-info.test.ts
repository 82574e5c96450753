// A message's details, fetched when someone looks: who gave each reaction, and for the sender,
// who has read it and when (docs/api.md "Messages").
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Message, User } from "#protocol";
import { Client, expectError } from "./client.ts";

type Reactors = { reactions: { emoji: string; count: number; users: User[] }[] };
type Readers = { readers: { user: User; readAt: string | null }[] };

const post = async (c: Client, chatId: string, body: string) =>
  (await c.json<{ message: Message }>("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body }, 201)).message;
const react = (c: Client, chatId: string, seq: number, emoji: string) =>
  c.json("PUT", `/api/chats/${chatId}/messages/${seq}/reactions/${encodeURIComponent(emoji)}`, undefined, 204);
const read = (c: Client, chatId: string, seq: number) => c.json("POST", `/api/chats/${chatId}/read`, { seq }, 204);

async function trio() {
  const [alice, bob, carol] = await Promise.all([Client.register(), Client.register(), Client.register()]);
  const chat = await alice!.createChat("Details");
  await alice!.addMember(chat.id, bob!);
  await alice!.addMember(chat.id, carol!);
  return { alice: alice!, bob: bob!, carol: carol!, chat };
}

describe("who reacted", () => {
  it("lists each reaction's people in the order they reacted, emoji in order of first use", async () => {
    const { alice, bob, carol, chat } = await trio();
    const m = await post(alice, chat.id, "vote");
    await react(carol, chat.id, m.seq, "👍");
    await react(alice, chat.id, m.seq, "❤️");
    await react(bob, chat.id, m.seq, "👍");
    const got = await bob.json<Reactors>("GET", `/api/chats/${chat.id}/messages/${m.seq}/reactions`);
    expect(got.reactions.map((r) => [r.emoji, r.count, r.users.map((u) => u.id)])).toEqual([
      ["👍", 2, [carol.user.id, bob.user.id]],
      ["❤️", 1, [alice.user.id]],
    ]);
    expect(got.reactions[0]!.users[0]).toMatchObject({ username: carol.user.username, displayName: carol.user.displayName });
    await carol.json("DELETE", `/api/chats/${chat.id}/messages/${m.seq}/reactions/${encodeURIComponent("👍")}`, undefined, 204);
    const after = await alice.json<Reactors>("GET", `/api/chats/${chat.id}/messages/${m.seq}/reactions`);
    // Ordered like the chips: by the earliest reaction still there.
    expect(after.reactions.map((r) => [r.emoji, r.users.map((u) => u.id)])).toEqual([
      ["❤️", [alice.user.id]],
      ["👍", [bob.user.id]],
    ]);
  });

  it("names at most 50 people per reaction while counting them all", async () => {
    const owner = await Client.register();
    const { chat } = await owner.json<{ chat: { id: string } }>("POST", "/api/chats", { name: "Crowd", visibility: "public" }, 201);
    const m = await post(owner, chat.id, "like this");
    const crowd: Client[] = [];
    for (let i = 0; i < 51; i++) {
      const c = await Client.register();
      await c.json("POST", `/api/chats/${chat.id}/join`, undefined, 200);
      await react(c, chat.id, m.seq, "🎉");
      crowd.push(c);
    }
    const got = await owner.json<Reactors>("GET", `/api/chats/${chat.id}/messages/${m.seq}/reactions`);
    expect(got.reactions).toHaveLength(1);
    expect(got.reactions[0]!.count).toBe(51);
    expect(got.reactions[0]!.users.map((u) => u.id)).toEqual(crowd.slice(0, 50).map((c) => c.user.id));
  });

  it("answers 404 for a missing, deleted or system message and 400 for a malformed seq", async () => {
    const { alice, chat } = await trio();
    const m = await post(alice, chat.id, "soon gone");
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${m.seq}`, undefined, 204);
    for (const seq of [m.seq, 1, 999]) await expectError(await alice.request("GET", `/api/chats/${chat.id}/messages/${seq}/reactions`), 404, "not_found");
    for (const seq of ["0", "x", "-1"]) await expectError(await alice.request("GET", `/api/chats/${chat.id}/messages/${seq}/reactions`), 400, "invalid_request");
  });
});

describe("who has read a message", () => {
  it("tells the sender who read it and when, earliest first, and nobody else", async () => {
    const { alice, bob, carol, chat } = await trio();
    const m = await post(alice, chat.id, "did you see this?");
    const path = `/api/chats/${chat.id}/messages/${m.seq}/readers`;
    expect((await alice.json<Readers>("GET", path)).readers).toEqual([]);

    const t0 = new Date().toISOString();
    await read(carol, chat.id, m.seq);
    const t1 = new Date().toISOString();
    await post(bob, chat.id, "yes"); // sending reads everything before it
    const t2 = new Date().toISOString();

    const { readers } = await alice.json<Readers>("GET", path);
    expect(readers.map((r) => r.user.id)).toEqual([carol.user.id, bob.user.id]);
    expect(readers[0]!.readAt! >= t0 && readers[0]!.readAt! <= t1).toBe(true);
    expect(readers[1]!.readAt! >= t1 && readers[1]!.readAt! <= t2).toBe(true);

    // Moving past it again changes nothing: the time is when the mark first passed it.
    const later = await post(alice, chat.id, "and this?");
    await read(carol, chat.id, later.seq);
    expect((await alice.json<Readers>("GET", path)).readers).toEqual(readers);
    // The room keeps it across an eviction.
    await evictDurableObject(env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chat.id)));
    expect((await alice.json<Readers>("GET", path)).readers).toEqual(readers);

    await expectError(await bob.request("GET", path), 403, "forbidden");
    // A system message (bob's "joined") has no sender to ask.
    await expectError(await alice.request("GET", `/api/chats/${chat.id}/messages/1/readers`), 404, "not_found");
    await expectError(await alice.request("GET", `/api/chats/${chat.id}/messages/999/readers`), 404, "not_found");
  });

  it("counts a member who joined after it from their join, and forgets one who left", async () => {
    const { alice, bob, carol, chat } = await trio();
    const m = await post(alice, chat.id, "before dave");
    const dave = await Client.register();
    const t0 = new Date().toISOString();
    await alice.addMember(chat.id, dave);
    await read(bob, chat.id, m.seq);
    await bob.json("DELETE", `/api/chats/${chat.id}/members/${bob.user.id}`, undefined, 204);
    const { readers } = await alice.json<Readers>("GET", `/api/chats/${chat.id}/messages/${m.seq}/readers`);
    expect(readers.map((r) => r.user.id)).toEqual([dave.user.id]);
    expect(readers[0]!.readAt! >= t0).toBe(true);
    expect(readers.some((r) => r.user.id === carol.user.id)).toBe(false);
  });

  it("keeps the last 200 moves of a mark: older reads stay read, with no time", async () => {
    const alice = await Client.register();
    const { chat } = await alice.json<{ chat: { id: string } }>("POST", "/api/chats", { name: "Busy", visibility: "public" }, 201);
    const bob = await Client.register();
    // Several senders: each has their own message budget (MESSAGE_BURST).
    const posters = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => Client.register()));
    for (const c of [bob, ...posters]) await c.json("POST", `/api/chats/${chat.id}/join`, undefined, 200);
    // Bob's join is his first move; then one move per message: 204 moves in all.
    const seqs: number[] = [];
    for (let i = 0; i < 203; i++) {
      const sender = i < 4 || i === 202 ? alice : posters[i % posters.length]!;
      const m = await post(sender, chat.id, `m${i}`);
      seqs.push(m.seq);
      await read(bob, chat.id, m.seq);
    }
    const times = async (seq: number) =>
      (await alice.json<Readers>("GET", `/api/chats/${chat.id}/messages/${seq}/readers`)).readers.find((r) => r.user.id === bob.user.id)?.readAt;
    expect(await times(seqs[0]!)).toBeNull();
    expect(await times(seqs[2]!)).toBeNull();
    expect(typeof (await times(seqs[3]!))).toBe("string");
    expect(typeof (await times(seqs.at(-1)!))).toBe("string");
  });
});

/** The room as the Worker calls it; typed loosely so that a test can deliver what a late or
 * overtaken call would carry (room-roster.test.ts plays the same races). */
type Room = {
  markRead(...args: unknown[]): Promise<unknown>;
  memberJoined(...args: unknown[]): Promise<unknown>;
  memberLeft(...args: unknown[]): Promise<unknown>;
};
const room = (chatId: string) => env.CHAT_ROOM.getByName(chatId) as unknown as Room;
const rosterVersion = async (chatId: string) =>
  (await env.DB.prepare("SELECT roster_version AS v FROM chats WHERE id = ?").bind(chatId).first<{ v: number }>())!.v;
const logged = (chatId: string, userId: string) =>
  runInDurableObject(env.CHAT_ROOM.getByName(chatId), (_room, state) =>
    state.storage.sql.exec<{ seq: number }>("SELECT seq FROM read_log WHERE user_id = ?", userId).toArray().length,
  );

describe("read times follow the room's roster", () => {
  it("logs nothing for a read that reaches the room after the reader was removed", async () => {
    const { alice, bob, chat } = await trio();
    const m = await post(alice, chat.id, "read me");
    await alice.json("DELETE", `/api/chats/${chat.id}/members/${bob.user.id}`, undefined, 204);
    expect(await logged(chat.id, bob.user.id)).toBe(0);
    // A read the Worker accepted from bob just before the removal reaches the room after it.
    await room(chat.id).markRead(bob.user.id, m.seq);
    expect(await logged(chat.id, bob.user.id)).toBe(0);
    const { readers } = await alice.json<Readers>("GET", `/api/chats/${chat.id}/messages/${m.seq}/readers`);
    expect(readers.some((r) => r.user.id === bob.user.id)).toBe(false);
  });

  it("logs nothing for a join notice overtaken by the member's removal", async () => {
    const { alice, chat } = await trio();
    const m = await post(alice, chat.id, "before dave");
    const dave = await Client.register();
    await alice.addMember(chat.id, dave);
    const joinedAt = await rosterVersion(chat.id);
    await alice.json("DELETE", `/api/chats/${chat.id}/members/${dave.user.id}`, undefined, 204);
    // The join's notice, delayed, arrives after the removal.
    await room(chat.id).memberJoined(dave.user, { role: "member", version: joinedAt, announce: false });
    expect(await logged(chat.id, dave.user.id)).toBe(0);
    const { readers } = await alice.json<Readers>("GET", `/api/chats/${chat.id}/messages/${m.seq}/readers`);
    expect(readers.some((r) => r.user.id === dave.user.id)).toBe(false);
  });

  it("keeps the read times of a member whose old removal arrives after their rejoining", async () => {
    const { alice, bob, chat } = await trio();
    await alice.json("DELETE", `/api/chats/${chat.id}/members/${bob.user.id}`, undefined, 204);
    const removedAt = await rosterVersion(chat.id);
    const m = await post(alice, chat.id, "welcome back?");
    await alice.addMember(chat.id, bob);
    await room(chat.id).memberLeft(bob.user, alice.user, removedAt);
    const { readers } = await alice.json<Readers>("GET", `/api/chats/${chat.id}/messages/${m.seq}/readers`);
    expect(readers.find((r) => r.user.id === bob.user.id)?.readAt).toEqual(expect.any(String));
  });
});
