// Deleting an account and downloading one's data (docs/api.md "Auth and account",
// docs/security.md "Deleting an account"): what the person and the people they talked with see
// afterwards, through the Worker as a browser would.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { ChatRoom } from "../../worker/rooms/chat-room.ts";
import { describe, expect, it } from "vitest";
import type { Chat, Message, User } from "#protocol";
import { Client, expectError, uniqueName } from "./client.ts";

const PASSWORD = "correct horse battery staple";

const send = (c: Client, chatId: string, body: string) =>
  c.json<{ message: Message }>("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body }, 201);

const history = async (c: Client, chatId: string) => (await c.json<{ messages: Message[] }>("GET", `/api/chats/${chatId}/messages`)).messages;

const remove = (c: Client, body: unknown = { username: c.user.username, password: PASSWORD }) => c.request("DELETE", "/api/me", body);

describe("deleting an account", () => {
  it("refuses without the typed username or with a wrong password, and deletes nothing", async () => {
    const alice = await Client.register();
    await expectError(await remove(alice, { username: "someone-else", password: PASSWORD }), 400, "invalid_request");
    await expectError(await remove(alice, { username: alice.user.username, password: "wrong password here" }), 403, "forbidden");
    await expectError(await remove(alice, {}), 400, "invalid_request");
    await alice.json("GET", "/api/me");
  });

  it("signs the person out everywhere and keeps the username from being registered again", async () => {
    const alice = await Client.register();
    const second = new Client();
    await second.json("POST", "/api/auth/login", { username: alice.user.username, password: PASSWORD });
    const res = await remove(alice);
    expect(res.status).toBe(204);
    await expectError(await alice.request("GET", "/api/me"), 401, "unauthenticated");
    await expectError(await second.request("GET", "/api/me"), 401, "unauthenticated");
    await expectError(await new Client().request("POST", "/api/auth/login", { username: alice.user.username, password: PASSWORD }), 401, "invalid_credentials");
    await expectError(await new Client().request("POST", "/api/auth/register", { username: alice.user.username, password: PASSWORD }), 409, "username_taken");
  });

  it("closes the person's open sockets", async () => {
    const alice = await Client.register();
    const chat = await alice.createChat("Mine");
    const bob = await Client.register();
    await alice.addMember(chat.id, bob);
    const ws = await alice.socket(chat.id);
    await ws.next("ready");
    expect((await remove(alice)).status).toBe(204);
    const closed = await ws.waitClose();
    expect(closed?.code === 4403 || closed?.code === 4401).toBe(true);
  });

  it("keeps the messages, shown as Deleted account, and the person cannot be found or messaged", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const chat = await alice.createChat("Team");
    await alice.addMember(chat.id, bob);
    await send(alice, chat.id, "hello from alice");
    const { chat: direct } = await bob.json<{ chat: Chat }>("POST", "/api/direct", { username: alice.user.username }, 201);
    await send(alice, direct.id, "a private word");
    expect((await remove(alice)).status).toBe(204);

    const group = await history(bob, chat.id);
    const hello = group.find((m) => m.body === "hello from alice");
    expect(hello?.sender).toMatchObject({ id: alice.user.id, displayName: "Deleted account", username: "", deleted: true, avatarUrl: null });
    // The line saying she left names her as she is now, too.
    expect(group.some((m) => m.system?.event === "left" && m.system.actor?.deleted === true)).toBe(true);

    const dm = await history(bob, direct.id);
    expect(dm.find((m) => m.body === "a private word")?.sender?.displayName).toBe("Deleted account");
    const { chats } = await bob.json<{ chats: Chat[] }>("GET", "/api/chats");
    const listed = chats.find((c) => c.id === direct.id);
    expect(listed?.name).toBe("Deleted account");
    expect(listed?.peer?.deleted).toBe(true);
    // The conversation stays readable but is closed, and the app is told why.
    expect((await bob.json<{ closed?: string }>("GET", `/api/chats/${direct.id}`)).closed).toBe("account_deleted");
    await expectError(await bob.request("POST", `/api/chats/${direct.id}/messages`, { clientId: crypto.randomUUID(), body: "are you there?" }), 403, "forbidden");

    expect((await bob.json<{ users: User[] }>("GET", `/api/users?q=${alice.user.username}`)).users).toEqual([]);
    await expectError(await bob.request("GET", `/api/users/${alice.user.username}`), 404, "not_found");
    await expectError(await bob.request("POST", "/api/direct", { username: alice.user.username }), 404, "not_found");
    const other = await bob.createChat("Another");
    await expectError(await bob.request("POST", `/api/chats/${other.id}/invites`, { username: alice.user.username }), 404, "not_found");
  });

  it("hands a chat to the longest-standing admin, else the longest-standing member", async () => {
    const owner = await Client.register();
    const [m1, m2, a1] = [await Client.register(), await Client.register(), await Client.register()];
    const withAdmin = await owner.createChat("With an admin");
    await owner.addMember(withAdmin.id, m1);
    await owner.addMember(withAdmin.id, m2);
    await owner.addMember(withAdmin.id, a1);
    await owner.json("PATCH", `/api/chats/${withAdmin.id}/members/${a1.user.id}`, { role: "admin" });
    const noAdmin = await owner.createChat("Members only");
    await owner.addMember(noAdmin.id, m2);
    await owner.addMember(noAdmin.id, m1);
    const alone = await owner.createChat("Just me");

    expect((await remove(owner)).status).toBe(204);

    const roles = async (viewer: Client, chatId: string) =>
      Object.fromEntries((await viewer.json<{ members: { user: User; role: string }[] }>("GET", `/api/chats/${chatId}`)).members.map((m) => [m.user.id, m.role]));
    expect(await roles(m1, withAdmin.id)).toEqual({ [m1.user.id]: "member", [m2.user.id]: "member", [a1.user.id]: "owner" });
    expect(await roles(m1, noAdmin.id)).toEqual({ [m2.user.id]: "owner", [m1.user.id]: "member" });
    // The last member out deletes the chat.
    expect(await env.DB.prepare("SELECT id FROM chats WHERE id = ?").bind(alone.id).first()).toBeNull();
  });

  it("deletes the person's picture, push subscriptions and pending invitations", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(7)]);
    const put = await alice.request("PUT", "/api/me/avatar", undefined, { body: png } as RequestInit);
    expect(put.status, await put.clone().text()).toBe(200);
    const key = (await env.DB.prepare("SELECT avatar_key AS k FROM users WHERE id = ?").bind(alice.user.id).first<{ k: string }>())!.k;
    expect(await env.MEDIA.head(key)).not.toBeNull();
    await env.DB.prepare("INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at) VALUES (?, ?, 'k', 'a', '2026-01-01')")
      .bind(`https://push.example/${uniqueName()}`, alice.user.id)
      .run();
    const chat = await alice.createChat("Invites");
    await alice.json("POST", `/api/chats/${chat.id}/invites`, { username: bob.user.username }, 201);

    expect((await remove(alice)).status).toBe(204);
    expect(await env.MEDIA.head(key)).toBeNull();
    expect((await env.DB.prepare("SELECT count(*) AS n FROM push_subscriptions WHERE user_id = ?").bind(alice.user.id).first<{ n: number }>())!.n).toBe(0);
    expect((await bob.json<{ invites: unknown[] }>("GET", "/api/invites")).invites).toEqual([]);
  });
});

describe("downloading one's data", () => {
  it("gives the profile, the chats and only the person's own messages as a JSON download", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const chat = await alice.createChat("Export me");
    await alice.addMember(chat.id, bob);
    await send(alice, chat.id, "first of mine");
    await send(bob, chat.id, "not mine");
    const deleted = await send(alice, chat.id, "taken back");
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${deleted.message.seq}`, undefined, 204);
    await send(alice, chat.id, "second of mine");
    await alice.json("PUT", `/api/me/blocks/${bob.user.id}`);

    const res = await alice.request("GET", "/api/me/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="qmessenger-.+\.json"$/);
    const data = await res.json<any>();
    expect(data.profile).toMatchObject({ id: alice.user.id, username: alice.user.username });
    expect(data.blocked.map((u: User) => u.id)).toEqual([bob.user.id]);
    const exported = data.chats.find((c: any) => c.id === chat.id);
    expect(exported).toMatchObject({ name: "Export me", role: "owner", truncated: false });
    expect(exported.messages.map((m: any) => m.body)).toEqual(["first of mine", "second of mine"]);
    // Nothing secret rides along.
    expect(JSON.stringify(data)).not.toMatch(/pbkdf2|password/i);
  });

  it("reads a long history a bounded page at a time", async () => {
    const alice = await Client.register();
    const chat = await alice.createChat("Chatty");
    // Written straight into the room's history: 1,200 sends would hit the message limit.
    await runInDurableObject(env.CHAT_ROOM.getByName(chat.id), (room: ChatRoom) => {
      for (let i = 0; i < 1200; i++) expect(room.messages.append(alice.user, { clientId: crypto.randomUUID(), body: `m${i}` }).ok).toBe(true);
    });
    const data = await alice.json<any>("GET", "/api/me/export");
    const messages = data.chats.find((c: any) => c.id === chat.id).messages;
    expect(messages).toHaveLength(1200);
    expect(messages.at(-1).body).toBe("m1199");
  });

  it("needs a session", async () => {
    await expectError(await new Client().request("GET", "/api/me/export"), 401, "unauthenticated");
  });
});
