// Fuzzing the chat and membership routes (docs/api.md "Chats, members, invites"): create,
// patch, settings, invites, links, member roles, direct chats, the chat list and discover
// queries, and every id-like path segment. Each case also checks what a user would see change.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { chat as chatSchema, invite as inviteSchema } from "#protocol";
import { anyJson, naughtyString, nearObject, pathSegment, queryString, textNear, toJsonText, usernameLike, wild } from "../fuzz/arbitraries.ts";
import { asParsed, BODY, checkResponse, expectSame, getJson, label, params, show, snapshot, Tally, timeoutFor, Tracked } from "../fuzz/harness.ts";
import { Client } from "./client.ts";

const tally = new Tally();
afterAll(() => tally.report("fuzz-chats"));

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const visibility = { valid: fc.constantFrom("private", "public"), near: fc.constantFrom("Private", "PUBLIC", "", "secret", " public"), optional: true };

/** An owner, a member and an outsider around one private group chat. */
async function setup(name = "Fuzz room") {
  const owner = await Client.register();
  const member = await Client.register();
  const outsider = await Client.register();
  const chat = await owner.createChat(name);
  await owner.addMember(chat.id, member);
  return { owner, member, outsider, chat };
}

describe("fuzz: chat routes", () => {
  it(
    "POST /api/chats creates a chat named as given (trimmed) or refuses with 400 and creates nothing",
    async () => {
      let me = await Client.register();
      let made = 0;
      const target = "POST /api/chats";
      tally.start(target);
      let state = await new Tracked(() => snapshot(me)).init();
      const body = nearObject({ name: textNear(1, 100), visibility });
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const res = await me.request("POST", "/api/chats", sent);
          const out = await checkResponse(res, `create ${show(sent)}`, [201], [...BODY]);
          tally.add(target, label(out));
          if (out.status === 201) {
            const c = out.body.chat;
            expect(chatSchema.safeParse(c).success, JSON.stringify(c)).toBe(true);
            expectSame(c.name, input.name.trim(), "the name as given, trimmed");
            expect(c).toMatchObject({ kind: "group", visibility: input.visibility ?? "private", role: "owner", memberCount: 1, lastSeq: 0 });
            // A long list makes each snapshot slow: a fresh user every 30 chats.
            if (++made % 30 === 0) {
              me = await Client.register();
              state = new Tracked(() => snapshot(me));
            }
            await state.refresh();
          } else {
            await state.unchanged(`create ${show(sent)}`);
          }
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );

  it(
    "PATCH /api/chats/:id renames or changes visibility for an admin only; refusals change nothing",
    async () => {
      const { owner, member, outsider, chat } = await setup();
      const target = "PATCH /api/chats/:id";
      tally.start(target);
      const state = await new Tracked(() => snapshot(owner, chat.id)).init();
      const body = nearObject({ name: { ...textNear(1, 100), optional: true }, visibility });
      const who = fc.constantFrom("owner", "owner", "owner", "member", "outsider");
      await fc.assert(
        fc.asyncProperty(who, body, async (actor, generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const client = { owner, member, outsider }[actor]!;
          const res = await client.request("PATCH", `/api/chats/${chat.id}`, sent);
          const out = await checkResponse(res, `${actor} patch ${show(sent)}`, [200], [...BODY, "forbidden", "not_found"]);
          tally.add(target, label(out));
          if (out.status === 200) {
            expect(actor).toBe("owner");
            const c = out.body.chat;
            expect(chatSchema.safeParse(c).success).toBe(true);
            if (str(input.name) !== undefined) expectSame(c.name, input.name.trim(), "the name as given, trimmed");
            if (str(input.visibility) !== undefined) expect(c.visibility).toBe(input.visibility);
            await state.refresh();
          } else {
            if (actor === "member" && !BODY.includes(out.code!)) expect(out.code).toBe("forbidden");
            // A private chat does not exist for an outsider; a public one is there but not theirs to change.
            const visible = state.last[2].chat.visibility === "public";
            if (actor === "outsider" && !BODY.includes(out.code!)) expect(out.code).toBe(visible ? "forbidden" : "not_found");
            await state.unchanged(`${actor} patch ${show(sent)}`);
          }
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );

  it(
    "PATCH /api/chats/:id/settings mutes with a boolean only",
    async () => {
      const { member, chat } = await setup();
      const target = "PATCH /api/chats/:id/settings";
      tally.start(target);
      const state = await new Tracked(() => snapshot(member, chat.id)).init();
      const body = nearObject({ muted: { valid: fc.boolean(), near: fc.constantFrom("true", "false", 0, 1, null, "yes") } });
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const res = await member.request("PATCH", `/api/chats/${chat.id}/settings`, sent);
          const out = await checkResponse(res, `settings ${show(sent)}`, [200], [...BODY]);
          tally.add(target, label(out));
          if (out.status === 200) {
            expect(typeof input.muted).toBe("boolean");
            expect(out.body.chat.muted).toBe(input.muted);
            await state.refresh();
          } else {
            await state.unchanged(`settings ${show(sent)}`);
          }
        }),
        params(12),
      );
      tally.stop(target);
    },
    timeoutFor(12),
  );

  it(
    "POST /api/chats/:id/invites invites existing non-members once; refusals leave invites and members as they were",
    async () => {
      const { owner, member, chat } = await setup();
      const invitees = [await Client.register(), await Client.register()];
      const byName = new Map(invitees.map((c) => [c.user.username, c]));
      const target = "POST /api/chats/:id/invites";
      tally.start(target);
      const invitesOf = async () => JSON.stringify(await Promise.all(invitees.map((c) => getJson(c, "/api/invites"))));
      const state = await new Tracked(async () => (await snapshot(owner, chat.id)) + (await invitesOf())).init();
      const names = [...byName.keys(), owner.user.username, member.user.username];
      const body = nearObject({
        username: { valid: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names, ...names.map((n) => ` ${n.toUpperCase()} `)) }, { weight: 1, arbitrary: usernameLike }) },
      });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("owner", "member"), body, async (actor, generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const client = actor === "owner" ? owner : member;
          const res = await client.request("POST", `/api/chats/${chat.id}/invites`, sent);
          const out = await checkResponse(res, `invite ${show(sent)}`, [201], [...BODY, "not_found", "already_member", "already_invited"]);
          tally.add(target, label(out));
          if (out.status === 201) {
            expect(inviteSchema.safeParse(out.body.invite).success).toBe(true);
            expect(out.body.invite.to.username).toBe(input.username.trim().toLowerCase());
            const invitee = byName.get(out.body.invite.to.username)!;
            expect(invitee, "invited someone who is not an invitee").toBeDefined();
            // Declining puts things back, so a later case can invite again.
            await invitee.json("POST", `/api/invites/${out.body.invite.id}/decline`, undefined, 204);
            await state.unchanged(`invite then decline ${show(sent)}`);
          } else {
            await state.unchanged(`invite ${show(sent)}`);
          }
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );

  it(
    "POST /api/chats/:id/links makes links within the documented ranges; refusals make none",
    async () => {
      const { owner, member, chat } = await setup();
      const target = "POST /api/chats/:id/links";
      tally.start(target);
      const state = await new Tracked(() => snapshot(owner, chat.id, { links: true })).init();
      const body = nearObject({
        expiresInHours: { valid: fc.integer({ min: 1, max: 24 * 365 }), near: fc.constantFrom(0, -1, 24 * 365 + 1, 1.5, "24", 1e9), optional: true },
        maxUses: { valid: fc.integer({ min: 1, max: 100_000 }), near: fc.constantFrom(0, -1, 100_001, 2.5, "10", 2 ** 53), optional: true },
      });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("owner", "owner", "owner", "member"), body, async (actor, generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const client = actor === "owner" ? owner : member;
          const started = Date.now();
          const res = await client.request("POST", `/api/chats/${chat.id}/links`, sent);
          const out = await checkResponse(res, `${actor} link ${show(sent)}`, [201], [...BODY, "forbidden"]);
          tally.add(target, label(out));
          if (out.status === 201) {
            expect(actor).toBe("owner");
            const link = out.body.link;
            expect(link.maxUses).toBe(input.maxUses ?? null);
            expect(link.uses).toBe(0);
            if (input.expiresInHours === undefined) expect(link.expiresAt).toBeNull();
            else expect(Math.abs(Date.parse(link.expiresAt) - started - input.expiresInHours * 3_600_000)).toBeLessThan(60_000);
            expect(link.url).toBe(`http://qm.test/join/${link.token}`);
            await owner.json("DELETE", `/api/chats/${chat.id}/links/${link.token}`, undefined, 204);
            await state.unchanged(`link then delete ${show(sent)}`);
          } else {
            await state.unchanged(`${actor} link ${show(sent)}`);
          }
        }),
        params(12),
      );
      tally.stop(target);
    },
    timeoutFor(12),
  );

  it(
    "PATCH /api/chats/:id/members/:userId changes roles for the owner only; refusals change no role",
    async () => {
      const { owner, member, outsider, chat } = await setup();
      const target = "PATCH /api/chats/:id/members/:userId";
      tally.start(target);
      const state = await new Tracked(() => snapshot(owner, chat.id)).init();
      const ids = [member.user.id, owner.user.id, outsider.user.id];
      const segment = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: pathSegment(naughtyString) });
      const body = nearObject({ role: { valid: fc.constantFrom("admin", "member", "owner"), near: fc.constantFrom("Owner", "ADMIN", "", "moderator", "root") } });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("owner", "owner", "owner", "member"), segment, body, async (actor, userId, generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const client = actor === "owner" ? owner : member;
          const res = await client.request("PATCH", `/api/chats/${chat.id}/members/${userId}`, sent);
          const out = await checkResponse(res, `${actor} role ${userId} ${show(sent)}`, [200], [...BODY, "forbidden", "not_found"]);
          tally.add(target, label(out));
          if (out.status === 200) {
            expect(actor).toBe("owner");
            expect(userId).toBe(member.user.id);
            expect(out.body.member.user.id).toBe(member.user.id);
            if (input.role === "owner") {
              expect(out.body.member.role).toBe("owner");
              // Hand it back, so the owner stays the owner for the next case.
              await member.json("PATCH", `/api/chats/${chat.id}/members/${owner.user.id}`, { role: "owner" }, 200);
            } else {
              expect(out.body.member.role).toBe(input.role);
            }
            await state.refresh();
          } else {
            await state.unchanged(`${actor} role ${userId} ${show(sent)}`);
          }
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );

  it(
    "POST /api/direct opens one chat per pair, and refusals open none",
    async () => {
      const me = await Client.register();
      const peers = [await Client.register(), await Client.register()];
      const target = "POST /api/direct";
      tally.start(target);
      const state = await new Tracked(() => snapshot(me)).init();
      const names = [...peers.map((p) => p.user.username), me.user.username];
      const body = nearObject({ username: { valid: fc.oneof(fc.constantFrom(...names, ...names.map((n) => `\t${n.toUpperCase()}`)), usernameLike) } });
      const opened = new Map<string, string>();
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const res = await me.request("POST", "/api/direct", sent);
          const out = await checkResponse(res, `direct ${show(sent)}`, [200, 201], [...BODY, "not_found"]);
          tally.add(target, label(out));
          if (out.code === null) {
            const c = out.body.chat;
            expect(chatSchema.safeParse(c).success).toBe(true);
            expect(c.kind).toBe("direct");
            const peer = c.peer.username;
            expect(peer).toBe(input.username.trim().toLowerCase());
            expect(out.status, "201 the first time, 200 after").toBe(opened.has(peer) ? 200 : 201);
            if (opened.has(peer)) expect(c.id).toBe(opened.get(peer));
            opened.set(peer, c.id);
            await state.refresh();
          } else {
            await state.unchanged(`direct ${show(sent)}`);
          }
        }),
        params(12),
      );
      tally.stop(target);
    },
    timeoutFor(12),
  );

  it(
    "GET /api/chats?q= and /api/chats/discover?q= answer any query with a list or 400",
    async () => {
      const me = await Client.register();
      await me.createChat("Привет, Мир");
      await me.json("POST", "/api/chats", { name: "ǅemal's public ﷺ", visibility: "public" }, 201);
      const target = "GET /api/chats{,/discover}?q=";
      tally.start(target);
      const q = fc.oneof(naughtyString, fc.constantFrom("мир", "МИР", "ǆ", "صلى", "%", "_", "'"));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("/api/chats", "/api/chats/discover"), queryString({ q }), async (path, qs) => {
          const res = await me.request("GET", `${path}?${qs}`);
          const out = await checkResponse(res, `GET ${path}?${qs}`, [200], ["invalid_request"]);
          tally.add(target, label(out));
          if (out.status === 200) for (const c of out.body.chats) expect(chatSchema.safeParse(c).success).toBe(true);
        }),
        params(20),
      );
      tally.stop(target);
    },
    timeoutFor(20),
  );

  it(
    "every route with an id in its path answers any id with a documented refusal and changes nothing",
    async () => {
      const { owner, chat } = await setup();
      const target = "id path segments";
      tally.start(target);
      const state = await new Tracked(() => snapshot(owner, chat.id, { links: true })).init();
      const routes: [string, (s: string) => string, boolean][] = [
        ["GET", (s) => `/api/chats/${s}`, false],
        ["PATCH", (s) => `/api/chats/${s}`, true],
        ["DELETE", (s) => `/api/chats/${s}`, false],
        ["POST", (s) => `/api/chats/${s}/join`, false],
        ["GET", (s) => `/api/chats/${s}/messages`, false],
        ["POST", (s) => `/api/chats/${s}/messages`, true],
        ["POST", (s) => `/api/chats/${s}/read`, true],
        ["PATCH", (s) => `/api/chats/${s}/settings`, true],
        ["POST", (s) => `/api/chats/${s}/invites`, true],
        ["DELETE", (s) => `/api/chats/${chat.id}/invites/${s}`, false],
        ["POST", (s) => `/api/chats/${s}/links`, true],
        ["GET", (s) => `/api/chats/${s}/links`, false],
        ["DELETE", (s) => `/api/chats/${chat.id}/links/${s}`, false],
        ["DELETE", (s) => `/api/chats/${chat.id}/members/${s}`, false],
        ["GET", (s) => `/api/links/${s}`, false],
        ["POST", (s) => `/api/links/${s}/join`, false],
        ["POST", (s) => `/api/invites/${s}/accept`, false],
        ["POST", (s) => `/api/invites/${s}/decline`, false],
        ["DELETE", (s) => `/api/auth/sessions/${s}`, false],
        ["GET", (s) => `/api/media/${s}`, false],
        ["GET", (s) => `/api/media/${s}/thumbnail`, false],
        ["DELETE", (s) => `/api/media/${s}`, false],
        ["GET", (s) => `/api/chats/${s}/uploads`, false],
        ["GET", (s) => `/api/users/${s}/avatar`, false],
        ["GET", (s) => `/api/chats/${s}/ws`, false],
      ];
      const validBody = fc.constantFrom('{"name":"x","visibility":"public"}', `{"clientId":"${crypto.randomUUID()}","body":"hi"}`, '{"seq":1}', '{"muted":true}', '{"username":"nobody_here"}', "{}");
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), pathSegment(naughtyString), fc.oneof(validBody, anyJson.map(toJsonText), wild.map(toJsonText)), async (i, segment, body) => {
          const [method, path, hasBody] = routes[i]!;
          const url = path(segment);
          const res = await owner.request(method, url, hasBody ? body : undefined);
          const out = await checkResponse(res, `${method} ${url}`, [], [...BODY, "not_found", "forbidden"]);
          tally.add(target, label(out));
          await state.unchanged(`${method} ${url}`);
        }),
        params(25),
      );
      tally.stop(target);
    },
    timeoutFor(25),
  );
});
