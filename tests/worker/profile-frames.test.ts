// A profile change reaches the open windows of everyone who shares a chat with the person
// (docs/api.md "Real time": the `profile` frame of the chat socket and of the inbox socket):
// their messages and member row in each open chat, and their name and picture in chat lists.
import { describe, expect, it } from "vitest";
import type { InboxFrame, User } from "#protocol";
import { Client, type Socket } from "./client.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(7)]);

async function inbox(c: Client) {
  const res = await c.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const frames: InboxFrame[] = [];
  ws.addEventListener("message", (e) => {
    frames.push(JSON.parse(e.data as string));
  });
  const next = async (pred: (u: User) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const f = frames.find((x): x is Extract<InboxFrame, { type: "profile" }> => x.type === "profile" && pred(x.user));
      if (f) return f.user;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no profile frame; got ${JSON.stringify(frames)}`);
  };
  return { ws, frames, next };
}

async function pair() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Profiles");
  await alice.addMember(chat.id, bob);
  return { alice, bob, chat };
}

describe("profile frames", () => {
  it("tells every open socket of a shared chat, and the inboxes of everyone who shares one, of a rename", async () => {
    const { alice, bob, chat } = await pair();
    const stranger = await Client.register();
    const bobsChat: Socket = await bob.socket(chat.id);
    const alicesChat: Socket = await alice.socket(chat.id);
    await bobsChat.next("ready");
    await alicesChat.next("ready");
    const bobsInbox = await inbox(bob);
    const alicesInbox = await inbox(alice);
    const strangersInbox = await inbox(stranger);

    const { user } = await alice.json<{ user: User }>("PATCH", "/api/me", { displayName: "Алиса", bio: "тест" });
    expect(user).toMatchObject({ id: alice.user.id, displayName: "Алиса", bio: "тест" });
    // The rooms are told before the answer: the frame is already on its way.
    expect((await bobsChat.next("profile")).user).toEqual(user);
    expect((await alicesChat.next("profile")).user).toEqual(user);
    expect(await bobsInbox.next((u) => u.id === alice.user.id)).toEqual(user);
    expect(await alicesInbox.next((u) => u.id === alice.user.id)).toEqual(user);
    expect(strangersInbox.frames.filter((f) => f.type === "profile")).toEqual([]);

    bobsChat.close();
    alicesChat.close();
    for (const s of [bobsInbox, alicesInbox, strangersInbox]) s.ws.close();
  });

  it("announces a new picture and its removal", async () => {
    const { alice, bob, chat } = await pair();
    const bobsChat = await bob.socket(chat.id);
    await bobsChat.next("ready");
    const bobsInbox = await inbox(bob);

    const res = await alice.request("PUT", "/api/me/avatar", undefined, { body: PNG } as RequestInit);
    expect(res.status).toBe(200);
    const { user } = (await res.json()) as { user: User };
    expect(user.avatarUrl).not.toBeNull();
    expect((await bobsChat.next("profile")).user.avatarUrl).toBe(user.avatarUrl);
    expect((await bobsInbox.next((u) => u.avatarUrl === user.avatarUrl)).id).toBe(alice.user.id);

    await alice.json("DELETE", "/api/me/avatar");
    expect((await bobsChat.next("profile")).user).toMatchObject({ id: alice.user.id, avatarUrl: null });
    expect(await bobsInbox.next((u) => u.avatarUrl === null)).toMatchObject({ id: alice.user.id });
    bobsChat.close();
    bobsInbox.ws.close();
  });

  it("says nothing when nothing changed", async () => {
    const { alice, bob, chat } = await pair();
    const bobsChat = await bob.socket(chat.id);
    await bobsChat.next("ready");
    await alice.json("PATCH", "/api/me", {});
    // A message sent after the empty change arrives with no profile frame before it.
    await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "after" }, 201);
    await bobsChat.next("message");
    expect(bobsChat.frames.filter((f) => f.type === "profile")).toEqual([]);
    bobsChat.close();
  });

  it("refuses a profile frame sent by a client, and passes nothing on", async () => {
    const { alice, bob, chat } = await pair();
    const bobsChat = await bob.socket(chat.id);
    const alicesChat = await alice.socket(chat.id);
    await bobsChat.next("ready");
    await alicesChat.next("ready");
    alicesChat.send({ type: "profile", user: { ...bob.user, displayName: "not Bob" } });
    expect((await alicesChat.next("error")).code).toBe("invalid_request");
    await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "still here" }, 201);
    await bobsChat.next("message");
    expect(bobsChat.frames.filter((f) => f.type === "profile")).toEqual([]);
    bobsChat.close();
    alicesChat.close();
  });
});
