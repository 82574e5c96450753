// Catch-up is bounded (docs/api.md "Chat socket"): a reconnect replays at most 1,000 changed
// messages; a client further behind gets one `reset` frame ("reload over HTTP, live from rev")
// and `ready`, so one reconnect cannot make the room build an unbounded backlog while the
// others' frames wait.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { limits, type Message, type User } from "#protocol";
import type { ChatRoom } from "../../worker/rooms/chat-room.ts";
import { Client } from "./client.ts";

/** Appends `n` messages from `user` through the room's own history, skipping the per-user
 * message rate (it is not what these tests are about). */
async function appendMany(chatId: string, user: User, n: number) {
  await runInDurableObject(env.CHAT_ROOM.getByName(chatId), (room: ChatRoom) => {
    for (let i = 0; i < n; i++) {
      const appended = room.messages.append(user, { clientId: crypto.randomUUID(), body: `bulk ${i}` });
      if (!appended.ok) throw new Error(appended.message);
    }
  });
}

async function setup() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Backlog");
  await alice.addMember(chat.id, bob);
  const start = await bob.json<{ messages: Message[]; rev: number }>("GET", `/api/chats/${chat.id}/messages`);
  return { alice, bob, chat, since: start.rev };
}

describe("catch-up bound", () => {
  it("replays 1,000 changed messages, each once and in order", async () => {
    expect(limits.catchUpMax).toBe(1000);
    const { alice, bob, chat, since } = await setup();
    await appendMany(chat.id, alice.user, 1000);
    const sock = await bob.socket(chat.id, since);
    const ready = await sock.next("ready", () => true, 15_000);
    const replayed = sock.frames.filter((f) => f.type === "message").map((f) => (f.type === "message" ? f.message.seq : 0));
    expect(replayed).toHaveLength(1000);
    expect(replayed).toEqual([...replayed].sort((a, b) => a - b));
    expect(new Set(replayed).size).toBe(1000);
    expect(sock.frames.some((f) => f.type === "reset")).toBe(false);
    expect(ready.lastSeq).toBe(replayed.at(-1));
    sock.close();
  });

  it("sends reset and ready, and replays nothing, to a client more than 1,000 changes behind", async () => {
    const { alice, bob, chat, since } = await setup();
    await appendMany(chat.id, alice.user, 1001);
    const sock = await bob.socket(chat.id, since);
    const ready = await sock.next("ready");
    expect(sock.frames.map((f) => f.type).filter((t) => t !== "presence")).toEqual(["reset"]);
    const reset = sock.frames.find((f) => f.type === "reset");
    expect(reset).toEqual({ type: "reset", rev: ready.rev, lastSeq: ready.lastSeq });
    // What it says to reload from is the history over HTTP, and the socket is live from there.
    const latest = await bob.json<{ messages: Message[]; rev: number }>("GET", `/api/chats/${chat.id}/messages?limit=1`);
    expect(latest.rev).toBe(ready.rev);
    expect(latest.messages[0]?.seq).toBe(ready.lastSeq);
    await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "live again" }, 201);
    expect((await sock.next("message")).message.body).toBe("live again");
    sock.close();
  });

  it("counts changed messages, not changes: many edits of a few messages are replayed in full", async () => {
    const { alice, bob, chat, since } = await setup();
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "v0" }, 201);
    await runInDurableObject(env.CHAT_ROOM.getByName(chat.id), (room: ChatRoom) => {
      for (let i = 1; i <= 1500; i++) room.messages.edit(alice.user.id, message.seq, `v${i}`);
    });
    const sock = await bob.socket(chat.id, since);
    await sock.next("ready");
    expect(sock.frames.filter((f) => f.type !== "presence")).toEqual([{ type: "message", message: expect.objectContaining({ seq: message.seq, body: "v1500" }) }]);
    sock.close();
  });
});
