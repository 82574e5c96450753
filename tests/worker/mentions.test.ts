// Mentions: the room derives them from @usernames of current members (never from the client),
// stores them with the message, and counts each member's unread mentions for the "@" badge.
import { describe, expect, it } from "vitest";
import type { Chat, Message } from "#protocol";
import { Client } from "./client.ts";

const send = (c: Client, chatId: string, body: string, extra: Record<string, unknown> = {}) =>
  c.json<{ message: Message }>("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body, ...extra }, 201).then((r) => r.message);
const listed = async (c: Client, chatId: string) => (await c.json<{ chats: Chat[] }>("GET", "/api/chats")).chats.find((x) => x.id === chatId)!;

describe("mentions", () => {
  it("mentions only current members, by username in any case, and counts unread mentions per member", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const carol = await Client.register();
    const outsider = await Client.register();
    const chat = await alice.createChat("Mentions");
    await alice.addMember(chat.id, bob);
    await alice.addMember(chat.id, carol);

    const m = await send(alice, chat.id, `hi @${bob.user.username.toUpperCase()}, @${outsider.user.username} and @nobody_here; mail a@${carol.user.username} @${alice.user.username}`);
    // The outsider is not a member, "a@carol" is not a mention, and the sender does not count.
    expect(m.mentions).toEqual([{ id: bob.user.id, username: bob.user.username }]);
    // A client cannot add mentions of its own: the field is not part of a send.
    const plain = await send(alice, chat.id, "no one", { mentions: [{ id: carol.user.id, username: carol.user.username }] });
    expect(plain.mentions).toBeUndefined();

    expect((await listed(bob, chat.id)).unreadMentions).toBe(1);
    expect((await listed(carol, chat.id)).unreadMentions).toBe(0);
    expect((await listed(bob, chat.id)).unread).toBe(2);

    // Stored: the history shows the same mentions.
    const page = await bob.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages`);
    expect(page.messages.find((x) => x.seq === m.seq)?.mentions).toEqual(m.mentions);

    // Reading past it clears the badge.
    await bob.json("POST", `/api/chats/${chat.id}/read`, { seq: plain.seq }, 204);
    expect((await listed(bob, chat.id)).unreadMentions).toBe(0);
  });

  it("follows edits and deletions, and caps how many people one message mentions", async () => {
    const alice = await Client.register();
    const chat = await alice.createChat("Crowd");
    const people: Client[] = [];
    for (let i = 0; i < 21; i++) {
      const c = await Client.register();
      await alice.addMember(chat.id, c);
      people.push(c);
    }
    const all = await send(alice, chat.id, people.map((p) => `@${p.user.username}`).join(" "));
    expect(all.mentions?.map((x) => x.id)).toEqual(people.slice(0, 20).map((p) => p.user.id));
    expect((await listed(people[20]!, chat.id)).unreadMentions).toBe(0);
    expect((await listed(people[0]!, chat.id)).unreadMentions).toBe(1);

    const edited = await alice.json<{ message: Message }>("PATCH", `/api/chats/${chat.id}/messages/${all.seq}`, { body: `only @${people[20]!.user.username}` });
    expect(edited.message.mentions).toEqual([{ id: people[20]!.user.id, username: people[20]!.user.username }]);
    expect((await listed(people[0]!, chat.id)).unreadMentions).toBe(0);
    expect((await listed(people[20]!, chat.id)).unreadMentions).toBe(1);

    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${all.seq}`, undefined, 204);
    const after = await listed(people[20]!, chat.id);
    expect(after.unreadMentions).toBe(0);
  });

  it("keeps counting as mentions arrive after a count was taken, and starts over from a new read mark", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const chat = await alice.createChat("Counting");
    await alice.addMember(chat.id, bob);
    await send(alice, chat.id, `one @${bob.user.username}`);
    expect((await listed(bob, chat.id)).unreadMentions).toBe(1);
    await send(alice, chat.id, `two @${bob.user.username}`);
    const plain = await send(alice, chat.id, "nobody");
    expect((await listed(bob, chat.id)).unreadMentions).toBe(2);
    await bob.json("POST", `/api/chats/${chat.id}/read`, { seq: plain.seq }, 204);
    expect((await listed(bob, chat.id)).unreadMentions).toBe(0);
    const three = await send(alice, chat.id, `three @${bob.user.username}`);
    expect((await listed(bob, chat.id)).unreadMentions).toBe(1);
    // An edit that drops the mention after the count was taken.
    await alice.json("PATCH", `/api/chats/${chat.id}/messages/${three.seq}`, { body: "three" });
    expect((await listed(bob, chat.id)).unreadMentions).toBe(0);
  });

  it("reaches sockets live with the message", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const chat = await alice.createChat("Live");
    await alice.addMember(chat.id, bob);
    const ws = await bob.socket(chat.id);
    await ws.next("ready");
    await send(alice, chat.id, `@${bob.user.username} look`);
    const frame = await ws.next("message", (f) => f.message.kind === "text");
    expect(frame.message.mentions).toEqual([{ id: bob.user.id, username: bob.user.username }]);
    ws.close();
  });
});
