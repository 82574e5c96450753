// Chats, membership and invites (docs/api.md "Chats, members, invites"), and who can see a
// private chat at all (docs/api.md "Who may do what": a non-member gets 404, so its existence
// does not leak).
//
// All tests of this file share one D1 and registration is limited per IP: every user signs up
// from an IP of its own.
import { describe, expect, it } from "vitest";
import type { Chat, Invite, Message, User } from "#protocol";
import { Client, expectError, uniqueName } from "./client.ts";

let ipCount = 0;
const freshIp = () => `10.2.${ipCount >> 8}.${ipCount++ & 255}`;
const signUp = () => Client.register(uniqueName(), undefined, freshIp());

const post = (c: Client, chatId: string, body: string) =>
  c.json<{ message: Message }>("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body }, 201).then((r) => r.message);

const getChat = (c: Client, chatId: string) =>
  c.json<{ chat: Chat; members: { user: User; role: string; joinedAt: string }[] }>("GET", `/api/chats/${chatId}`);

const listChats = async (c: Client, q?: string) =>
  (await c.json<{ chats: Chat[] }>("GET", `/api/chats${q === undefined ? "" : `?q=${encodeURIComponent(q)}`}`)).chats;

const history = async (c: Client, chatId: string) =>
  (await c.json<{ messages: Message[] }>("GET", `/api/chats/${chatId}/messages`)).messages;

const invite = (from: Client, chatId: string, to: Client) =>
  from.json<{ invite: Invite }>("POST", `/api/chats/${chatId}/invites`, { username: to.user.username }, 201).then((r) => r.invite);

const invitesOf = async (c: Client) => (await c.json<{ invites: Invite[] }>("GET", "/api/invites")).invites;

/** A chat with an owner and one more member. */
async function pair(name = "Pair") {
  const owner = await signUp();
  const member = await signUp();
  const chat = await owner.createChat(name);
  await owner.addMember(chat.id, member);
  return { owner, member, chat };
}

describe("creating a chat", () => {
  it("creates a private group chat with the caller as its only member and owner", async () => {
    const a = await signUp();
    const res = await a.json<{ chat: Chat }>("POST", "/api/chats", { name: "  Team chat \n" }, 201);
    expect(res.chat).toEqual({
      id: expect.any(String),
      kind: "group",
      name: "Team chat",
      visibility: "private",
      createdAt: expect.any(String),
      memberCount: 1,
      role: "owner",
      lastSeq: 0,
      lastReadSeq: 0,
      unread: 0,
      unreadMentions: 0,
      muted: false,
      lastMessage: null,
      peer: null,
    });
    expect(new Date(res.chat.createdAt).toISOString()).toBe(res.chat.createdAt);
    // Creating a chat records no system message.
    expect(await history(a, res.chat.id)).toEqual([]);
  });

  it("rejects an empty, blank or over-long name with invalid_request naming the field", async () => {
    const a = await signUp();
    for (const name of ["", "   ", "x".repeat(101)]) {
      const body = await expectError(await a.request("POST", "/api/chats", { name }), 400, "invalid_request");
      expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "name" })]));
    }
    await expectError(await a.request("POST", "/api/chats", {}), 400, "invalid_request");
    expect(await listChats(a)).toEqual([]);
  });

  it("creates a public chat when asked, and rejects an unknown visibility", async () => {
    const a = await signUp();
    expect((await a.json<{ chat: Chat }>("POST", "/api/chats", { name: "Open", visibility: "public" }, 201)).chat.visibility).toBe("public");
    await expectError(await a.request("POST", "/api/chats", { name: "Odd", visibility: "secret" }), 400, "invalid_request");
  });

  it("accepts a name of 100 characters in any script", async () => {
    const a = await signUp();
    expect((await a.createChat("ж".repeat(100))).name).toBe("ж".repeat(100));
  });

  it("requires a session", async () => {
    await expectError(await new Client(freshIp()).request("POST", "/api/chats", { name: "x" }), 401, "unauthenticated");
    await expectError(await new Client(freshIp()).request("GET", "/api/chats"), 401, "unauthenticated");
  });
});

describe("the chat list", () => {
  it("lists the caller's chats with the latest activity first", async () => {
    const a = await signUp();
    const chatA = await a.createChat("A");
    const chatB = await a.createChat("B");
    expect((await listChats(a)).map((c) => c.id)).toEqual([chatB.id, chatA.id]);

    await post(a, chatA.id, "bump");
    const list = await listChats(a);
    expect(list.map((c) => c.id)).toEqual([chatA.id, chatB.id]);
    expect(list[0]!.lastMessage).toMatchObject({ body: "bump", seq: 1, sender: { id: a.user.id } });
    expect(list[0]!.lastSeq).toBe(1);
  });

  it("filters by name case-insensitively, in Cyrillic as in Latin", async () => {
    const a = await signUp();
    const ru = await a.createChat("Привет, Мир");
    const en = await a.createChat("Hello World");
    await a.createChat("Something else");
    for (const q of ["мир", "МИР", "привет", "ет, м"]) expect((await listChats(a, q)).map((c) => c.id), q).toEqual([ru.id]);
    for (const q of ["world", "WORLD", "hElLo"]) expect((await listChats(a, q)).map((c) => c.id), q).toEqual([en.id]);
    expect(await listChats(a, "nothing like it")).toEqual([]);
    expect(await listChats(a, "%")).toEqual([]);
  });

  it("never shows a chat the caller is not in", async () => {
    const a = await signUp();
    const b = await signUp();
    const secret = await a.createChat("Secret plans");
    await post(a, secret.id, "hush");
    expect(await listChats(b)).toEqual([]);
    expect(await listChats(b, "secret")).toEqual([]);
    expect((await listChats(a)).map((c) => c.id)).toEqual([secret.id]);
  });
});

describe("one chat", () => {
  it("returns the chat with its members and their roles", async () => {
    const { owner, member, chat } = await pair("Team");
    const res = await getChat(member, chat.id);
    expect(res.chat).toMatchObject({ id: chat.id, name: "Team", role: "member", memberCount: 2 });
    expect(res.members).toHaveLength(2);
    expect(res.members.find((m) => m.user.id === owner.user.id)).toEqual({ user: owner.user, role: "owner", joinedAt: expect.any(String), lastReadSeq: expect.any(Number) });
    expect(res.members.find((m) => m.user.id === member.user.id)).toEqual({ user: member.user, role: "member", joinedAt: expect.any(String), lastReadSeq: expect.any(Number) });
    expect((await getChat(owner, chat.id)).chat.role).toBe("owner");
  });
});

describe("a private chat to outsiders", () => {
  /** Every chat route, with a valid body, so only membership can decide the answer. */
  async function everyRoute(chatId: string, owner: Client, stranger: Client) {
    const { seq } = await post(owner, chatId, "members only");
    const pending = await invite(owner, chatId, stranger);
    const thumbsUp = encodeURIComponent("👍");
    return [
      ["GET", `/api/chats/${chatId}`, undefined],
      ["GET", `/api/chats/${chatId}/messages`, undefined],
      ["GET", `/api/chats/${chatId}/messages?before=5&limit=10`, undefined],
      ["POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body: "let me in" }],
      ["PATCH", `/api/chats/${chatId}/messages/${seq}`, { body: "edited by a stranger" }],
      ["DELETE", `/api/chats/${chatId}/messages/${seq}`, undefined],
      ["PUT", `/api/chats/${chatId}/messages/${seq}/reactions/${thumbsUp}`, undefined],
      ["DELETE", `/api/chats/${chatId}/messages/${seq}/reactions/${thumbsUp}`, undefined],
      ["POST", `/api/chats/${chatId}/read`, { seq }],
      ["POST", `/api/chats/${chatId}/invites`, { username: owner.user.username }],
      ["DELETE", `/api/chats/${chatId}/invites/${pending.id}`, undefined],
    ] as const;
  }

  it("is 404 on every route for a signed-in non-member, the same answer as a chat that does not exist", async () => {
    const owner = await signUp();
    const invited = await signUp();
    const outsider = await signUp();
    const chat = await owner.createChat("Private");
    const routes = await everyRoute(chat.id, owner, invited);
    for (const [method, path, body] of routes) {
      const res = await outsider.request(method, path, body);
      const seen = await expectError(res, 404, "not_found");
      const missing = await outsider.request(method, path.replace(chat.id, "nosuchchat0000000000"), body);
      expect(await missing.json(), `${method} ${path}`).toEqual(seen);
    }
    const ws = await outsider.request("GET", `/api/chats/${chat.id}/ws`, undefined, { headers: { upgrade: "websocket" } });
    await expectError(ws, 404, "not_found");

    // Nothing the outsider tried changed anything.
    const messages = await history(owner, chat.id);
    expect(messages.map((m) => [m.body, m.reactions, m.deleted])).toEqual([["members only", [], false]]);
    const view = await getChat(owner, chat.id);
    expect(view.chat.memberCount).toBe(1);
    expect((await invitesOf(invited)).map((i) => i.chat.id)).toEqual([chat.id]);
  });

  it("is 404 for someone who is invited but has not accepted yet", async () => {
    const owner = await signUp();
    const invited = await signUp();
    const chat = await owner.createChat("Private");
    await invite(owner, chat.id, invited);
    await expectError(await invited.request("GET", `/api/chats/${chat.id}`), 404, "not_found");
    await expectError(await invited.request("GET", `/api/chats/${chat.id}/messages`), 404, "not_found");
  });

  it("is 401 on every route when signed out", async () => {
    const owner = await signUp();
    const invited = await signUp();
    const chat = await owner.createChat("Private");
    const anonymous = new Client(freshIp());
    for (const [method, path, body] of await everyRoute(chat.id, owner, invited)) {
      await expectError(await anonymous.request(method, path, body), 401, "unauthenticated");
    }
    const ws = await anonymous.request("GET", `/api/chats/${chat.id}/ws`, undefined, { headers: { upgrade: "websocket" } });
    await expectError(ws, 401, "unauthenticated");
  });

  it("refuses a socket upgrade for a member without our Origin", async () => {
    const owner = await signUp();
    const chat = await owner.createChat("Sockets");
    for (const origin of [null, "https://evil.example"]) {
      const res = await owner.request("GET", `/api/chats/${chat.id}/ws`, undefined, { origin, headers: { upgrade: "websocket" } });
      await expectError(res, 403, "bad_origin");
    }
    const socket = await owner.socket(chat.id);
    socket.close();
  });
});

describe("invites", () => {
  it("invites a user by username and returns the Invite", async () => {
    const owner = await signUp();
    const guest = await signUp();
    const chat = await owner.createChat("Book club");
    const res = await owner.json<{ invite: Invite }>("POST", `/api/chats/${chat.id}/invites`, { username: guest.user.username.toUpperCase() }, 201);
    expect(res.invite).toEqual({
      id: expect.any(String),
      chat: { id: chat.id, name: "Book club" },
      from: owner.user,
      to: guest.user,
      createdAt: expect.any(String),
    });
    expect(await invitesOf(guest)).toEqual([res.invite]);
    expect(await invitesOf(owner)).toEqual([]);
  });

  it("answers 404 for an unknown user, already_member for a member, already_invited for a second invite", async () => {
    const { owner, member, chat } = await pair();
    const guest = await signUp();
    await expectError(await owner.request("POST", `/api/chats/${chat.id}/invites`, { username: uniqueName("nobody") }), 404, "not_found");
    await expectError(await owner.request("POST", `/api/chats/${chat.id}/invites`, { username: member.user.username }), 409, "already_member");
    await expectError(await member.request("POST", `/api/chats/${chat.id}/invites`, { username: owner.user.username }), 409, "already_member");
    await invite(member, chat.id, guest);
    await expectError(await owner.request("POST", `/api/chats/${chat.id}/invites`, { username: guest.user.username }), 409, "already_invited");
    expect(await invitesOf(guest)).toHaveLength(1);
  });

  it("lets only the invitee accept or decline", async () => {
    const owner = await signUp();
    const guest = await signUp();
    const intruder = await signUp();
    const chat = await owner.createChat("Invite only");
    const inv = await invite(owner, chat.id, guest);
    await expectError(await intruder.request("POST", `/api/invites/${inv.id}/accept`), 404, "not_found");
    await expectError(await intruder.request("POST", `/api/invites/${inv.id}/decline`), 404, "not_found");
    await expectError(await owner.request("POST", `/api/invites/${inv.id}/accept`), 404, "not_found");
    await expectError(await intruder.request("GET", `/api/chats/${chat.id}`), 404, "not_found");
    expect(await invitesOf(guest)).toEqual([inv]);
    expect((await getChat(owner, chat.id)).chat.memberCount).toBe(1);
  });

  it("accepting makes the invitee a member, announced by a system message that nobody has unread", async () => {
    const owner = await signUp();
    const guest = await signUp();
    const chat = await owner.createChat("Welcome");
    await post(owner, chat.id, "before you came");
    await post(owner, chat.id, "still before");
    const inv = await invite(owner, chat.id, guest);

    const { chat: joined } = await guest.json<{ chat: Chat }>("POST", `/api/invites/${inv.id}/accept`, undefined, 200);
    expect(joined).toMatchObject({ id: chat.id, name: "Welcome", role: "member", memberCount: 2, unread: 0 });
    // The read mark starts at the end of the history as it was when they joined.
    expect(joined.lastReadSeq).toBe(joined.lastSeq);
    expect(joined.lastSeq).toBeGreaterThanOrEqual(2);

    const ownerView = (await getChat(owner, chat.id)).chat;
    expect(ownerView.memberCount).toBe(2);
    expect(ownerView.unread).toBe(0);

    const messages = await history(guest, chat.id);
    const last = messages.at(-1)!;
    expect(last).toMatchObject({ kind: "system", sender: null, seq: 3 });
    expect(last.system).toMatchObject({ event: "joined", actor: { id: guest.user.id } });
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3]);

    expect(await invitesOf(guest)).toEqual([]);
    expect((await listChats(guest)).map((c) => c.id)).toEqual([chat.id]);
    // Used up: a second accept finds nothing.
    await expectError(await guest.request("POST", `/api/invites/${inv.id}/accept`), 404, "not_found");
    expect((await getChat(owner, chat.id)).chat.memberCount).toBe(2);
  });

  it("declining removes the invite and admits nobody", async () => {
    const owner = await signUp();
    const guest = await signUp();
    const chat = await owner.createChat("Maybe later");
    const inv = await invite(owner, chat.id, guest);
    expect((await guest.request("POST", `/api/invites/${inv.id}/decline`)).status).toBe(204);
    expect(await invitesOf(guest)).toEqual([]);
    await expectError(await guest.request("POST", `/api/invites/${inv.id}/accept`), 404, "not_found");
    await expectError(await guest.request("GET", `/api/chats/${chat.id}`), 404, "not_found");
    expect((await getChat(owner, chat.id)).chat.memberCount).toBe(1);
    // They can be invited again.
    await invite(owner, chat.id, guest);
  });

  it("lets the inviter withdraw an invite, which then cannot be accepted", async () => {
    const { owner, member, chat } = await pair();
    const guest = await signUp();
    const inv = await invite(member, chat.id, guest);
    expect((await member.request("DELETE", `/api/chats/${chat.id}/invites/${inv.id}`)).status).toBe(204);
    expect(await invitesOf(guest)).toEqual([]);
    await expectError(await guest.request("POST", `/api/invites/${inv.id}/accept`), 404, "not_found");
    expect((await getChat(owner, chat.id)).chat.memberCount).toBe(2);
  });

  it("lets the owner withdraw anyone's invite, but not a plain member someone else's", async () => {
    const { owner, member, chat } = await pair();
    const guest = await signUp();
    const inv = await invite(owner, chat.id, guest);
    await expectError(await member.request("DELETE", `/api/chats/${chat.id}/invites/${inv.id}`), 403, "forbidden");
    expect(await invitesOf(guest)).toHaveLength(1);

    const other = await signUp();
    const byMember = await invite(member, chat.id, other);
    expect((await owner.request("DELETE", `/api/chats/${chat.id}/invites/${byMember.id}`)).status).toBe(204);
    expect(await invitesOf(other)).toEqual([]);
  });
});

describe("unread counts", () => {
  it("counts the other member's messages, not your own", async () => {
    const { owner, member, chat } = await pair();
    await post(owner, chat.id, "one");
    await post(owner, chat.id, "two");
    expect((await getChat(member, chat.id)).chat.unread).toBe(2);
    expect((await getChat(owner, chat.id)).chat.unread).toBe(0);
    expect((await listChats(member)).find((c) => c.id === chat.id)!.unread).toBe(2);

    // Sending moves the sender's own read mark to their message.
    const reply = await post(member, chat.id, "three");
    const memberView = (await getChat(member, chat.id)).chat;
    expect(memberView.unread).toBe(0);
    expect(memberView.lastReadSeq).toBe(reply.seq);
    expect((await getChat(owner, chat.id)).chat.unread).toBe(1);
  });

  it("moves the read mark forward with POST /read, never back", async () => {
    const { owner, member, chat } = await pair();
    const first = await post(owner, chat.id, "one");
    const second = await post(owner, chat.id, "two");
    await post(owner, chat.id, "three");
    expect((await getChat(member, chat.id)).chat.unread).toBe(3);

    expect((await member.request("POST", `/api/chats/${chat.id}/read`, { seq: second.seq })).status).toBe(204);
    let view = (await getChat(member, chat.id)).chat;
    expect(view.lastReadSeq).toBe(second.seq);
    expect(view.unread).toBe(1);

    expect((await member.request("POST", `/api/chats/${chat.id}/read`, { seq: first.seq })).status).toBe(204);
    view = (await getChat(member, chat.id)).chat;
    expect(view.lastReadSeq).toBe(second.seq);
    expect(view.unread).toBe(1);
  });

  it("does not let a read mark past the end hide messages sent later", async () => {
    const { owner, member, chat } = await pair();
    await post(owner, chat.id, "one");
    expect((await member.request("POST", `/api/chats/${chat.id}/read`, { seq: 1000 })).status).toBe(204);
    let view = (await getChat(member, chat.id)).chat;
    expect(view.lastReadSeq).toBe(view.lastSeq);
    expect(view.unread).toBe(0);
    await post(owner, chat.id, "two");
    view = (await getChat(member, chat.id)).chat;
    expect(view.unread).toBe(1);
  });

  it("keeps a count asked again and again right as messages arrive, are deleted and the mark moves", async () => {
    const { owner, member, chat } = await pair();
    const first = await post(owner, chat.id, "one");
    expect((await getChat(member, chat.id)).chat.unread).toBe(1);
    const second = await post(owner, chat.id, "two");
    await post(member, chat.id, "mine does not count");
    expect((await getChat(member, chat.id)).chat.unread).toBe(0);
    await post(owner, chat.id, "three");
    await post(owner, chat.id, "four");
    expect((await getChat(member, chat.id)).chat.unread).toBe(2);
    expect((await getChat(member, chat.id)).chat.unread).toBe(2);
    // A deletion lowers the count of those who had not read the message yet.
    expect((await owner.request("DELETE", `/api/chats/${chat.id}/messages/${first.seq}`)).status).toBe(204);
    expect((await getChat(member, chat.id)).chat.unread).toBe(2);
    const five = await post(owner, chat.id, "five");
    expect((await getChat(member, chat.id)).chat.unread).toBe(3);
    expect((await owner.request("DELETE", `/api/chats/${chat.id}/messages/${five.seq}`)).status).toBe(204);
    expect((await getChat(member, chat.id)).chat.unread).toBe(2);
    expect((await member.request("POST", `/api/chats/${chat.id}/read`, { seq: second.seq + 2 })).status).toBe(204);
    expect((await getChat(member, chat.id)).chat.unread).toBe(1);
    await post(owner, chat.id, "six");
    expect((await getChat(member, chat.id)).chat.unread).toBe(2);
  });

  it("rejects a read mark that is not a whole number with invalid_request", async () => {
    const { member, chat } = await pair();
    for (const seq of [-1, 1.5, "2", null]) {
      await expectError(await member.request("POST", `/api/chats/${chat.id}/read`, { seq }), 400, "invalid_request");
    }
  });
});
