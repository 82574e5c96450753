// Who may do what in a chat (docs/api.md "Who may do what"), for every role, plus the
// concurrency and socket guarantees of membership changes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Chat, Message } from "#protocol";
import { Client, expectError } from "./client.ts";

type Who = "owner" | "admin" | "member" | "removed" | "nonmember" | "signedOut";
const everyone: Who[] = ["owner", "admin", "member", "removed", "nonmember", "signedOut"];

let people: Record<Exclude<Who, "signedOut">, Client>;

beforeAll(async () => {
  const [owner, admin, member, removed, nonmember] = await Promise.all([1, 2, 3, 4, 5].map(() => Client.register()));
  people = { owner: owner!, admin: admin!, member: member!, removed: removed!, nonmember: nonmember! };
});

/** A fresh chat with one person in each role, and one message from the owner and the member.
 * Each chat has a fresh owner: creating chats and inviting are rate-limited per user. */
async function fixture(visibility: "private" | "public" = "private") {
  const { admin, member, removed } = people;
  const owner = await Client.register();
  const { chat } = await owner.json<{ chat: Chat }>("POST", "/api/chats", { name: "Matrix", visibility }, 201);
  for (const c of [admin, member, removed]) await owner.addMember(chat.id, c);
  await owner.json("PATCH", `/api/chats/${chat.id}/members/${admin.user.id}`, { role: "admin" });
  await owner.json("DELETE", `/api/chats/${chat.id}/members/${removed.user.id}`, undefined, 204);
  const post = async (c: Client) =>
    (await c.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "hi" }, 201)).message;
  const ownerMsg = await post(owner);
  const memberMsg = await post(member);
  return { owner, chat, ownerMsg, memberMsg };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;
type Case = { name: string; call: (c: Client, f: Fixture) => Promise<Response>; expect: Record<Who, number>; visibility?: "public" };

const thumbs = encodeURIComponent("👍");
const ws = { headers: { upgrade: "websocket" } };
const hidden = { removed: 404, nonmember: 404, signedOut: 401 } as const;

const cases: Case[] = [
  { name: "GET chat", call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}`), expect: { owner: 200, admin: 200, member: 200, ...hidden } },
  { name: "PATCH chat", call: (c, f) => c.request("PATCH", `/api/chats/${f.chat.id}`, { name: "New" }), expect: { owner: 200, admin: 200, member: 403, ...hidden } },
  { name: "DELETE chat", call: (c, f) => c.request("DELETE", `/api/chats/${f.chat.id}`), expect: { owner: 204, admin: 403, member: 403, ...hidden } },
  { name: "GET messages", call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/messages`), expect: { owner: 200, admin: 200, member: 200, ...hidden } },
  {
    name: "POST message",
    call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/messages`, { clientId: crypto.randomUUID(), body: "x" }),
    expect: { owner: 201, admin: 201, member: 201, ...hidden },
  },
  {
    name: "PATCH the owner's message",
    call: (c, f) => c.request("PATCH", `/api/chats/${f.chat.id}/messages/${f.ownerMsg.seq}`, { body: "edited" }),
    expect: { owner: 200, admin: 403, member: 403, ...hidden },
  },
  {
    name: "DELETE the owner's message",
    call: (c, f) => c.request("DELETE", `/api/chats/${f.chat.id}/messages/${f.ownerMsg.seq}`),
    expect: { owner: 204, admin: 204, member: 403, ...hidden },
  },
  {
    name: "DELETE the member's message",
    call: (c, f) => c.request("DELETE", `/api/chats/${f.chat.id}/messages/${f.memberMsg.seq}`),
    expect: { owner: 204, admin: 204, member: 204, ...hidden },
  },
  {
    name: "PUT reaction",
    call: (c, f) => c.request("PUT", `/api/chats/${f.chat.id}/messages/${f.ownerMsg.seq}/reactions/${thumbs}`),
    expect: { owner: 204, admin: 204, member: 204, ...hidden },
  },
  {
    name: "DELETE reaction",
    call: (c, f) => c.request("DELETE", `/api/chats/${f.chat.id}/messages/${f.ownerMsg.seq}/reactions/${thumbs}`),
    expect: { owner: 204, admin: 204, member: 204, ...hidden },
  },
  {
    name: "GET who reacted",
    call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/messages/${f.ownerMsg.seq}/reactions`),
    expect: { owner: 200, admin: 200, member: 200, ...hidden },
  },
  {
    name: "GET who read the owner's message",
    call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/messages/${f.ownerMsg.seq}/readers`),
    expect: { owner: 200, admin: 403, member: 403, ...hidden },
  },
  { name: "POST read", call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/read`, { seq: 1 }), expect: { owner: 204, admin: 204, member: 204, ...hidden } },
  {
    name: "PATCH settings",
    call: (c, f) => c.request("PATCH", `/api/chats/${f.chat.id}/settings`, { muted: true }),
    expect: { owner: 200, admin: 200, member: 200, ...hidden },
  },
  {
    name: "POST invite",
    call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/invites`, { username: people.nonmember.user.username }),
    expect: { owner: 201, admin: 201, member: 201, ...hidden },
  },
  { name: "POST link", call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/links`, {}), expect: { owner: 201, admin: 201, member: 403, ...hidden } },
  { name: "GET links", call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/links`), expect: { owner: 200, admin: 200, member: 403, ...hidden } },
  {
    name: "promote the member",
    call: (c, f) => c.request("PATCH", `/api/chats/${f.chat.id}/members/${people.member.user.id}`, { role: "admin" }),
    expect: { owner: 200, admin: 403, member: 403, ...hidden },
  },
  {
    name: "remove the member",
    call: (c, f) => c.request("DELETE", `/api/chats/${f.chat.id}/members/${people.member.user.id}`),
    expect: { owner: 204, admin: 204, member: 204, ...hidden },
  },
  {
    name: "remove the admin",
    call: (c, f) => c.request("DELETE", `/api/chats/${f.chat.id}/members/${people.admin.user.id}`),
    expect: { owner: 204, admin: 204, member: 403, ...hidden },
  },
  {
    name: "remove the owner",
    call: (c, f) => c.request("DELETE", `/api/chats/${f.chat.id}/members/${f.owner.user.id}`),
    expect: { owner: 409, admin: 403, member: 403, ...hidden },
  },
  { name: "open the socket", call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/ws`, undefined, ws), expect: { owner: 101, admin: 101, member: 101, ...hidden } },
  { name: "POST join (private)", call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/join`), expect: { owner: 409, admin: 409, member: 409, ...hidden } },
  // A public chat can be read by anyone signed in, but acting in it takes membership.
  {
    name: "GET public chat",
    visibility: "public",
    call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}`),
    expect: { owner: 200, admin: 200, member: 200, removed: 200, nonmember: 200, signedOut: 401 },
  },
  {
    name: "GET public messages",
    visibility: "public",
    call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/messages`),
    expect: { owner: 200, admin: 200, member: 200, removed: 200, nonmember: 200, signedOut: 401 },
  },
  {
    name: "GET who reacted in a public chat",
    visibility: "public",
    call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/messages/${f.ownerMsg.seq}/reactions`),
    expect: { owner: 200, admin: 200, member: 200, removed: 200, nonmember: 200, signedOut: 401 },
  },
  {
    name: "GET who read the member's message in a public chat",
    visibility: "public",
    call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/messages/${f.memberMsg.seq}/readers`),
    expect: { owner: 403, admin: 403, member: 200, removed: 403, nonmember: 403, signedOut: 401 },
  },
  {
    name: "POST public message",
    visibility: "public",
    call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/messages`, { clientId: crypto.randomUUID(), body: "x" }),
    expect: { owner: 201, admin: 201, member: 201, removed: 403, nonmember: 403, signedOut: 401 },
  },
  {
    name: "open a public chat's socket",
    visibility: "public",
    call: (c, f) => c.request("GET", `/api/chats/${f.chat.id}/ws`, undefined, ws),
    expect: { owner: 101, admin: 101, member: 101, removed: 403, nonmember: 403, signedOut: 401 },
  },
  {
    name: "invite into a public chat",
    visibility: "public",
    call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/invites`, { username: people.nonmember.user.username }),
    expect: { owner: 201, admin: 201, member: 201, removed: 403, nonmember: 403, signedOut: 401 },
  },
  {
    name: "POST join (public)",
    visibility: "public",
    call: (c, f) => c.request("POST", `/api/chats/${f.chat.id}/join`),
    expect: { owner: 409, admin: 409, member: 409, removed: 200, nonmember: 200, signedOut: 401 },
  },
];

const codeFor: Record<number, string> = { 401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "" };

describe("authorization matrix", () => {
  for (const c of cases) {
    it(`${c.name}: ${everyone.map((w) => `${w} ${c.expect[w]}`).join(", ")}`, async () => {
      // Each role acts on its own fresh chat, so the cells are independent and run together.
      await Promise.all(
        everyone.map(async (who) => {
          const f = await fixture(c.visibility);
          const client = who === "signedOut" ? new Client() : who === "owner" ? f.owner : people[who];
          const res = await c.call(client, f);
          if (res.status === 101) res.webSocket?.accept();
          expect(res.status, `${who}: ${res.status === 101 ? "" : await res.clone().text()}`).toBe(c.expect[who]);
          if (res.status >= 400 && codeFor[res.status]) await expectError(res, res.status, codeFor[res.status] as never);
          res.webSocket?.close();
        }),
      );
    });
  }
});

describe("membership changes", () => {
  it("closes a removed member's socket with 4403 within a second and drops the chat from their list", async () => {
    const { member } = people;
    const { owner, chat } = await fixture();
    const sock = await member.socket(chat.id);
    await sock.next("ready");
    const watcher = await owner.socket(chat.id);
    await watcher.next("ready");
    const started = Date.now();
    await owner.json("DELETE", `/api/chats/${chat.id}/members/${member.user.id}`, undefined, 204);
    expect((await sock.waitClose(1000))?.code).toBe(4403);
    expect(Date.now() - started).toBeLessThan(1000);
    const system = await watcher.next("message", (f) => f.message.kind === "system");
    expect(system.message.system).toMatchObject({ event: "removed", target: { id: member.user.id } });
    const { chats } = await member.json<{ chats: Chat[] }>("GET", "/api/chats");
    expect(chats.map((c) => c.id)).not.toContain(chat.id);
    await expectError(await member.request("GET", `/api/chats/${chat.id}/messages`), 404, "not_found");
    watcher.close();
  });

  it("closes every socket with 4404 when the owner deletes the chat, and forgets its history", async () => {
    const { member } = people;
    const { owner, chat } = await fixture();
    const a = await owner.socket(chat.id);
    const b = await member.socket(chat.id);
    await a.next("ready");
    await b.next("ready");
    await owner.json("DELETE", `/api/chats/${chat.id}`, undefined, 204);
    expect((await a.waitClose())?.code).toBe(4404);
    expect((await b.waitClose())?.code).toBe(4404);
    await expectError(await owner.request("GET", `/api/chats/${chat.id}/messages`), 404, "not_found");
  });

  it("transfers ownership: the old owner becomes admin and may then leave", async () => {
    const { admin, member } = people;
    const { owner, chat } = await fixture();
    await expectError(await owner.request("DELETE", `/api/chats/${chat.id}/members/${owner.user.id}`), 409, "owner_must_transfer");
    await owner.json("PATCH", `/api/chats/${chat.id}/members/${member.user.id}`, { role: "owner" });
    const { members } = await admin.json<{ members: { user: { id: string }; role: string }[] }>("GET", `/api/chats/${chat.id}`);
    const roles = Object.fromEntries(members.map((m) => [m.user.id, m.role]));
    expect(roles[owner.user.id]).toBe("admin");
    expect(roles[member.user.id]).toBe("owner");
    await owner.json("DELETE", `/api/chats/${chat.id}/members/${owner.user.id}`, undefined, 204);
    const { messages } = await member.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages`);
    expect(messages.filter((m) => m.kind === "system").map((m) => m.system?.event)).toEqual(
      expect.arrayContaining(["joined", "removed", "ownership_transferred", "left"]),
    );
  });

  it("deletes the chat when its last member leaves", async () => {
    const { owner } = people;
    const { chat } = await owner.json<{ chat: Chat }>("POST", "/api/chats", { name: "Solo" }, 201);
    await owner.json("DELETE", `/api/chats/${chat.id}/members/${owner.user.id}`, undefined, 204);
    await expectError(await owner.request("GET", `/api/chats/${chat.id}`), 404, "not_found");
  });
});

describe("invite links", () => {
  it("previews and joins with a valid link; revoked and used-up links are 404", async () => {
    const { owner, member } = people;
    const newcomer = await Client.register();
    const second = await Client.register();
    const { chat } = await owner.json<{ chat: Chat }>("POST", "/api/chats", { name: "Клуб" }, 201);
    const { link } = await owner.json("POST", `/api/chats/${chat.id}/links`, { maxUses: 1, expiresInHours: 24 }, 201);
    expect(link).toMatchObject({ url: `http://qm.test/join/${link.token}`, maxUses: 1, uses: 0 });
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect((await newcomer.json("GET", `/api/links/${link.token}`)).chat).toEqual({ id: chat.id, name: "Клуб", memberCount: 1 });
    expect((await newcomer.json("POST", `/api/links/${link.token}/join`)).chat).toMatchObject({ id: chat.id, role: "member" });
    await expectError(await second.request("POST", `/api/links/${link.token}/join`), 404, "not_found");
    await expectError(await second.request("GET", `/api/links/${link.token}`), 404, "not_found");
    const { link: other } = await owner.json("POST", `/api/chats/${chat.id}/links`, {}, 201);
    expect(other).toMatchObject({ expiresAt: null, maxUses: null });
    await owner.json("DELETE", `/api/chats/${chat.id}/links/${other.token}`, undefined, 204);
    await expectError(await member.request("POST", `/api/links/${other.token}/join`), 404, "not_found");
    await expectError(await new Client().request("GET", `/api/links/${other.token}`), 401, "unauthenticated");
  });

  it("admits exactly one of two simultaneous joins through a one-use link", async () => {
    const { owner } = people;
    const [x, y] = await Promise.all([Client.register(), Client.register()]);
    const { chat } = await owner.json<{ chat: Chat }>("POST", "/api/chats", { name: "One seat" }, 201);
    const { link } = await owner.json("POST", `/api/chats/${chat.id}/links`, { maxUses: 1 }, 201);
    const results = await Promise.all([x!, y!].map((c) => c.request("POST", `/api/links/${link.token}/join`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    const { chat: after } = await owner.json<{ chat: Chat }>("GET", `/api/chats/${chat.id}`);
    expect(after.memberCount).toBe(2);
  });
});

describe("direct chats", () => {
  it("creates one chat per pair, even when both start it at once, named after the peer", async () => {
    const [x, y] = await Promise.all([Client.register(), Client.register()]);
    const [r1, r2] = await Promise.all([
      x!.request("POST", "/api/direct", { username: y!.user.username }),
      y!.request("POST", "/api/direct", { username: x!.user.username }),
    ]);
    const [b1, b2] = [await r1!.json<{ chat: Chat }>(), await r2!.json<{ chat: Chat }>()];
    expect(b1.chat.id).toBe(b2.chat.id);
    expect([r1!.status, r2!.status].sort()).toEqual([200, 201]);
    expect(b1.chat).toMatchObject({ kind: "direct", name: y!.user.displayName, peer: { id: y!.user.id } });
    expect(b2.chat).toMatchObject({ kind: "direct", name: x!.user.displayName, peer: { id: x!.user.id } });
    const again = await x!.json<{ chat: Chat }>("POST", "/api/direct", { username: y!.user.username }, 200);
    expect(again.chat.id).toBe(b1.chat.id);
    await expectError(await x!.request("POST", `/api/chats/${b1.chat.id}/invites`, { username: people.member.user.username }), 403, "forbidden");
    await expectError(await x!.request("POST", "/api/direct", { username: x!.user.username }), 400, "invalid_request");
    await expectError(await x!.request("POST", "/api/direct", { username: "nobody_here_at_all" }), 404, "not_found");
  });
});

describe("public chats", () => {
  it("are found by name in any script and can be joined", async () => {
    const { owner } = people;
    const guest = await Client.register();
    const { chat } = await owner.json<{ chat: Chat }>("POST", "/api/chats", { name: "Открытый Клуб Любителей", visibility: "public" }, 201);
    await owner.json("POST", "/api/chats", { name: "Закрытый клуб" }, 201);
    const { chats } = await guest.json<{ chats: Chat[] }>("GET", `/api/chats/discover?q=${encodeURIComponent("КЛУБ")}`);
    expect(chats.map((c) => c.name)).toContain("Открытый Клуб Любителей");
    expect(chats.map((c) => c.name)).not.toContain("Закрытый клуб");
    expect(chats.find((c) => c.id === chat.id)?.role).toBeNull();
    const joined = await guest.json<{ chat: Chat }>("POST", `/api/chats/${chat.id}/join`);
    expect(joined.chat).toMatchObject({ role: "member", memberCount: 2, unread: 0 });
    await owner.json("PATCH", `/api/chats/${chat.id}`, { visibility: "private" });
    const after = await new Client().request("GET", `/api/chats/discover`);
    expect(after.status).toBe(401);
    const { chats: none } = await (await Client.register()).json<{ chats: Chat[] }>("GET", `/api/chats/discover?q=${encodeURIComponent("клуб любителей")}`);
    expect(none).toHaveLength(0);
  });
});
