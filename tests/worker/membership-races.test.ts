// Membership stays consistent when requests cross (docs/security.md V8 "Race-free membership
// writes"): every cell here sends its requests at once, through the Worker, as two tabs or two
// admins would, and checks what everyone then sees.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Chat, InboxFrame, Invite, Message } from "#protocol";
import { changeRole, joinByInvite, joinWithLink, removeFromChat } from "../../worker/services/membership.ts";
import { Client, expectError } from "./client.ts";

type Members = { members: { user: { id: string }; role: string }[] };

const owners = async (c: Client, chatId: string) =>
  (await c.json<Members>("GET", `/api/chats/${chatId}`)).members.filter((m) => m.role === "owner").map((m) => m.user.id);

const invitesOf = async (c: Client) => (await c.json<{ invites: Invite[] }>("GET", "/api/invites")).invites;

async function joinedEvents(c: Client, chatId: string, userId: string) {
  const { messages } = await c.json<{ messages: Message[] }>("GET", `/api/chats/${chatId}/messages?limit=100`);
  return messages.filter((m) => m.system?.event === "joined" && m.system.actor?.id === userId).length;
}

async function inbox(c: Client) {
  const res = await c.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const frames: InboxFrame[] = [];
  ws.addEventListener("message", (e) => frames.push(JSON.parse(e.data as string)));
  const next = async (pred: (f: InboxFrame) => boolean) => {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const found = frames.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no such inbox frame; got ${JSON.stringify(frames)}`);
  };
  return { ws, next };
}

/** A group chat of a new owner with `n` more members. */
async function team(n: number) {
  const owner = await Client.register();
  const chat = await owner.createChat("Team");
  const people: Client[] = [];
  for (let i = 0; i < n; i++) {
    const c = await Client.register();
    await owner.addMember(chat.id, c);
    people.push(c);
  }
  return { owner, chat, people };
}

describe("role changes", () => {
  it("leave exactly one owner when two ownership transfers are sent at once", async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, chat, people } = await team(2);
      const [a, b] = people as [Client, Client];
      const results = await Promise.all([a, b].map((to) => owner.request("PATCH", `/api/chats/${chat.id}/members/${to.user.id}`, { role: "owner" })));
      expect(results.map((r) => r.status)).toContain(200);
      const now = await owners(a, chat.id);
      expect(now).toHaveLength(1);
      expect([a.user.id, b.user.id]).toContain(now[0]);
    }
  });

  it("leave exactly one owner when a transfer and the removal of its target are sent at once", async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, chat, people } = await team(2);
      const [target, witness] = people as [Client, Client];
      await Promise.all([
        owner.request("PATCH", `/api/chats/${chat.id}/members/${target.user.id}`, { role: "owner" }),
        owner.request("DELETE", `/api/chats/${chat.id}/members/${target.user.id}`),
      ]);
      expect(await owners(witness, chat.id)).toHaveLength(1);
    }
  });

  // The Worker's requests interleave only where they wait, and under workerd here a request
  // rarely waits between its access check and its write, so the HTTP cells above seldom hit
  // the window. These cells take the window itself: both requests have passed their checks
  // (the arguments are what each check saw), then both write, in each order.
  const scope = () => ({ env, executionCtx: createExecutionContext() });

  it("leave exactly one owner when two transfers both passed their checks before either wrote", async () => {
    const { owner, chat, people } = await team(2);
    const [a, b] = people as [Client, Client];
    await settled(changeRole(scope(), chat.id, owner.user, a.user, "member", "owner"));
    await settled(changeRole(scope(), chat.id, owner.user, b.user, "member", "owner"));
    expect(await owners(a, chat.id)).toEqual([a.user.id]);
  });

  it("leave exactly one owner when a removal checked before a transfer to its target writes after it", async () => {
    const { owner, chat, people } = await team(2);
    const [target, witness] = people as [Client, Client];
    await settled(changeRole(scope(), chat.id, owner.user, target.user, "member", "owner"));
    await settled(removeFromChat(scope(), chat.id, target.user, owner.user));
    expect(await owners(witness, chat.id)).toEqual([target.user.id]);
  });

  it("leave exactly one owner when a transfer checked before the removal of its target writes after it", async () => {
    const { owner, chat, people } = await team(2);
    const [target, witness] = people as [Client, Client];
    await settled(removeFromChat(scope(), chat.id, target.user, owner.user));
    await settled(changeRole(scope(), chat.id, owner.user, target.user, "member", "owner"));
    expect(await owners(witness, chat.id)).toEqual([owner.user.id]);
  });

  it("leave exactly one owner when the target of a transfer leaves with a check made before it", async () => {
    const { owner, chat, people } = await team(2);
    const [target, witness] = people as [Client, Client];
    await settled(changeRole(scope(), chat.id, owner.user, target.user, "member", "owner"));
    await settled(removeFromChat(scope(), chat.id, target.user, target.user));
    expect(await owners(witness, chat.id)).toEqual([target.user.id]);
  });

  it("let no one demote an owner with a role change checked before a transfer made them owner", async () => {
    const { owner, chat, people } = await team(1);
    const [target] = people as [Client];
    await settled(changeRole(scope(), chat.id, owner.user, target.user, "member", "owner"));
    await settled(changeRole(scope(), chat.id, owner.user, target.user, "member", "admin"));
    expect(await owners(target, chat.id)).toEqual([target.user.id]);
  });
});

/** A write that lost the race may be refused (its request answers 4xx); either way is fine here. */
async function settled(p: Promise<unknown>) {
  await p.catch(() => undefined);
}

describe("joining", () => {
  it("answers an invite accepted by someone already in the chat with 409 already_member, and records no second join", async () => {
    const { owner, chat, people } = await team(1);
    const [member] = people as [Client];
    // An invite that crossed the member's own join (sent while they were joining by link).
    const id = `raceinvite${Date.now().toString(36)}`.slice(0, 20);
    await env.DB.prepare("INSERT INTO invites (id, chat_id, from_id, to_id, created_at) VALUES (?, ?, ?, ?, ?)")
      .bind(id, chat.id, owner.user.id, member.user.id, new Date().toISOString())
      .run();
    await expectError(await member.request("POST", `/api/invites/${id}/accept`), 409, "already_member");
    expect(await joinedEvents(owner, chat.id, member.user.id)).toBe(1);
    expect(await invitesOf(member)).toEqual([]);
  });

  it("records one join when an invite and a link are used at once", async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, chat } = await team(0);
      const guest = await Client.register();
      const { invite } = await owner.json("POST", `/api/chats/${chat.id}/invites`, { username: guest.user.username }, 201);
      const { link } = await owner.json("POST", `/api/chats/${chat.id}/links`, {}, 201);
      const [accepted, linked] = await Promise.all([
        guest.request("POST", `/api/invites/${invite.id}/accept`),
        guest.request("POST", `/api/links/${link.token}/join`),
      ]);
      expect([200, 404, 409]).toContain(accepted.status);
      expect(linked.status).toBe(200);
      expect(await joinedEvents(owner, chat.id, guest.user.id)).toBe(1);
      const { chat: seen } = await owner.json<{ chat: Chat }>("GET", `/api/chats/${chat.id}`);
      expect(seen.memberCount).toBe(2);
    }
  });

  it("records one join when a link join checked before an invite was accepted writes after it", async () => {
    const { owner, chat } = await team(0);
    const guest = await Client.register();
    const { invite } = await owner.json<{ invite: Invite }>("POST", `/api/chats/${chat.id}/invites`, { username: guest.user.username }, 201);
    const { link } = await owner.json("POST", `/api/chats/${chat.id}/links`, { maxUses: 5 }, 201);
    const row = { id: invite.id, chatId: chat.id, fromId: owner.user.id, toId: guest.user.id, createdAt: invite.createdAt };
    await settled(joinByInvite({ env, executionCtx: createExecutionContext() }, row, guest.user));
    await settled(joinWithLink({ env, executionCtx: createExecutionContext() }, link.token, chat.id, guest.user));
    expect(await joinedEvents(owner, chat.id, guest.user.id)).toBe(1);
    // Nor is a use of the link spent on someone who was already in.
    const { links } = await owner.json("GET", `/api/chats/${chat.id}/links`);
    expect(links[0].uses).toBe(0);
  });

  it("withdraws the joiner's pending invite when they join by link or publicly", async () => {
    const { owner, chat } = await team(0);
    const { chat: open } = await owner.json<{ chat: Chat }>("POST", "/api/chats", { name: "Open", visibility: "public" }, 201);
    const guest = await Client.register();
    const events = await inbox(guest);
    const { invite } = await owner.json("POST", `/api/chats/${chat.id}/invites`, { username: guest.user.username }, 201);
    const { invite: openInvite } = await owner.json("POST", `/api/chats/${open.id}/invites`, { username: guest.user.username }, 201);
    const { link } = await owner.json("POST", `/api/chats/${chat.id}/links`, {}, 201);
    await guest.json("POST", `/api/links/${link.token}/join`);
    await guest.json("POST", `/api/chats/${open.id}/join`);
    expect(await invitesOf(guest)).toEqual([]);
    await events.next((f) => f.type === "invite_removed" && f.id === invite.id);
    await events.next((f) => f.type === "invite_removed" && f.id === openInvite.id);
    await expectError(await guest.request("POST", `/api/invites/${invite.id}/accept`), 404, "not_found");
    events.ws.close();
  });
});

describe("leaving and removal", () => {
  it("withdraws the invitations a removed member had sent, so they admit nobody", async () => {
    const { owner, chat, people } = await team(1);
    const [spammer] = people as [Client];
    const friend = await Client.register();
    const events = await inbox(friend);
    const { invite } = await spammer.json("POST", `/api/chats/${chat.id}/invites`, { username: friend.user.username }, 201);
    await owner.json("DELETE", `/api/chats/${chat.id}/members/${spammer.user.id}`, undefined, 204);
    expect(await invitesOf(friend)).toEqual([]);
    await events.next((f) => f.type === "invite_removed" && f.id === invite.id);
    await expectError(await friend.request("POST", `/api/invites/${invite.id}/accept`), 404, "not_found");
    const { chat: seen } = await owner.json<{ chat: Chat }>("GET", `/api/chats/${chat.id}`);
    expect(seen.memberCount).toBe(1);
    events.ws.close();
  });
});
