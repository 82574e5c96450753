// Reactions and changes are bounded per person (docs/api.md "Messages", "Limits and
// settings"): a reaction is one RGI emoji, a message takes at most 20 different ones, and edits,
// deletions and added reactions take from the same per-user bucket as sends, over HTTP and
// sockets alike.
import { afterEach, describe, expect, it, vi } from "vitest";
import { limits, type Message } from "#protocol";
import { Client, expectError } from "./client.ts";

const enc = encodeURIComponent;

async function pair() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Reactions");
  await alice.addMember(chat.id, bob);
  const post = async (c: Client, body: string) =>
    (await c.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body }, 201)).message;
  const reactions = async (seq: number) =>
    (await alice.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages?after=${seq - 1}&limit=1`)).messages[0]!.reactions;
  return { alice, bob, chat, post, reactions };
}

// 21 emoji, each one RGI emoji (a few of them sequences).
const EMOJI = ["👍", "❤️", "😂", "🎉", "🔥", "👀", "🙏", "😮", "😢", "🤔", "👏", "🚀", "✅", "💯", "🥳", "😎", "🤝", "👋🏽", "🇺🇦", "👩‍💻", "1️⃣"];

describe("what a reaction may be", () => {
  it("is one RGI emoji, over HTTP and as a socket frame: stacked marks, unassigned pictographs and text are 400", async () => {
    const { alice, chat, post, reactions } = await pair();
    const m = await post(alice, "react to me");
    const sock = await alice.socket(chat.id);
    await sock.next("ready");
    for (const bad of ["👍\u0301\u0301\u0301\u0301", "\u{1FAFF}", "ok👍", "👍👍", "❤", "x"]) {
      await expectError(await alice.request("PUT", `/api/chats/${chat.id}/messages/${m.seq}/reactions/${enc(bad)}`), 400, "invalid_request");
      sock.send({ type: "react", seq: m.seq, emoji: bad, on: true });
      expect((await sock.next("error")).code, JSON.stringify(bad)).toBe("invalid_request");
    }
    expect(await reactions(m.seq)).toEqual([]);
    sock.send({ type: "react", seq: m.seq, emoji: "👩‍💻", on: true });
    expect((await sock.next("reactions")).reactions).toEqual([{ emoji: "👩‍💻", count: 1, me: true }]);
    sock.close();
  });
});

describe("reactions per message", () => {
  it("takes at most 20 different emoji; more of one already there are fine", async () => {
    expect(limits.reactionsPerMessage).toBe(20);
    const { alice, bob, chat, post, reactions } = await pair();
    const m = await post(alice, "popular");
    for (const e of EMOJI.slice(0, 20)) await alice.json("PUT", `/api/chats/${chat.id}/messages/${m.seq}/reactions/${enc(e)}`, undefined, 204);
    const body = await expectError(await bob.request("PUT", `/api/chats/${chat.id}/messages/${m.seq}/reactions/${enc(EMOJI[20]!)}`), 409, "too_many_reactions");
    expect(body.error.message).toMatch(/20/);
    const sock = await bob.socket(chat.id);
    await sock.next("ready");
    sock.send({ type: "react", seq: m.seq, emoji: EMOJI[20], on: true });
    expect((await sock.next("error")).code).toBe("too_many_reactions");
    // One already under the message: bob joins in.
    sock.send({ type: "react", seq: m.seq, emoji: "👍", on: true });
    expect((await sock.next("reactions")).reactions[0]).toEqual({ emoji: "👍", count: 2, me: true });
    expect((await reactions(m.seq)).map((r) => r.emoji)).toEqual(EMOJI.slice(0, 20));
    // When one goes, another may come.
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${m.seq}/reactions/${enc("🔥")}`, undefined, 204);
    await bob.json("PUT", `/api/chats/${chat.id}/messages/${m.seq}/reactions/${enc(EMOJI[20]!)}`, undefined, 204);
    expect(await reactions(m.seq)).toHaveLength(20);
    sock.close();
  });
});

describe("the message rate", () => {
  // The bucket refills once a second; with the clock held still, a test is not a race with it.
  afterEach(() => vi.useRealTimers());

  it("is shared by sends, edits, deletions and added reactions, over HTTP and sockets; taking one's reaction back is free", async () => {
    const { alice, bob, chat, post, reactions } = await pair();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    const sock = await alice.socket(chat.id);
    await sock.next("ready");
    // The burst is 30: 26 messages, then four changes of four kinds use it up.
    const mine: Message[] = [];
    for (let i = 0; i < 26; i++) mine.push(await post(alice, `message ${i}`));
    const [a, b, c, d] = mine as [Message, Message, Message, Message];
    await alice.json("PATCH", `/api/chats/${chat.id}/messages/${a.seq}`, { body: "edited over HTTP" });
    sock.send({ type: "edit", seq: b.seq, body: "edited on the socket" });
    await sock.next("edited", (f) => f.message.seq === b.seq);
    sock.send({ type: "react", seq: c.seq, emoji: "🎉", on: true });
    await sock.next("reactions", (f) => f.seq === c.seq);
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${d.seq}`, undefined, 204);

    // Now every kind is refused, both ways, and writes nothing.
    const react = await alice.request("PUT", `/api/chats/${chat.id}/messages/${a.seq}/reactions/${enc("👍")}`);
    await expectError(react, 429, "rate_limited");
    expect(Number(react.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectError(await alice.request("PATCH", `/api/chats/${chat.id}/messages/${a.seq}`, { body: "once more" }), 429, "rate_limited");
    await expectError(await alice.request("DELETE", `/api/chats/${chat.id}/messages/${a.seq}`), 429, "rate_limited");
    for (const frame of [
      { type: "edit", seq: c.seq, body: "once more" },
      { type: "delete", seq: c.seq },
      { type: "react", seq: a.seq, emoji: "👍", on: true },
    ]) {
      sock.send(frame);
      const error = await sock.next("error");
      expect(error.code, frame.type).toBe("rate_limited");
      expect(error.retryAfter).toBeGreaterThan(0);
    }
    await expectError(await alice.request("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "and a send" }), 429, "rate_limited");
    const { messages } = await bob.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages?limit=100`);
    const bySeq = new Map(messages.map((m) => [m.seq, m]));
    expect(bySeq.get(a.seq)).toMatchObject({ body: "edited over HTTP", deleted: false, reactions: [] });
    expect(bySeq.get(c.seq)).toMatchObject({ body: "message 2", deleted: false });

    // Taking back one's own reaction is free, even now.
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${c.seq}/reactions/${enc("🎉")}`, undefined, 204);
    expect(await reactions(c.seq)).toEqual([]);
    // And another member has a bucket of their own.
    await bob.json("PUT", `/api/chats/${chat.id}/messages/${a.seq}/reactions/${enc("👍")}`, undefined, 204);
    sock.close();
  });
});
