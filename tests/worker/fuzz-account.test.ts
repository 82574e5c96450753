// Fuzzing the account routes (docs/api.md "Auth and account"): register, login, password change,
// PATCH /api/me, and the user search query. See tests/fuzz/harness.ts for what every case
// checks; each target here adds what a user would notice about its own route.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { user as userSchema } from "#protocol";
import {
  anyJson,
  nearObject,
  passwordLike,
  queryString,
  textNear,
  toJsonText,
  toWellFormed,
  usernameLike,
  naughtyString,
} from "../fuzz/arbitraries.ts";
import { asParsed, BODY, checkResponse, expectSame, getJson, label, params, show, snapshot, Tally, timeoutFor, Tracked } from "../fuzz/harness.ts";
import { Client, uniqueName } from "./client.ts";

const tally = new Tally();
afterAll(() => tally.report("fuzz-account"));

const PASSWORD = "correct horse battery staple";
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Whether a user exists, as any signed-in user can see it. */
async function lookUp(watcher: Client, username: string) {
  const res = await watcher.request("GET", `/api/users/${encodeURIComponent(toWellFormed(username))}`);
  const text = await res.text();
  expect(res.status, `GET /api/users/${username}: ${text}`).toBeLessThan(500);
  return res.status === 200 ? text : null;
}

describe("fuzz: account routes", () => {
  it(
    "POST /api/auth/register answers every body with 201 or a documented refusal, and a refusal creates no user",
    async () => {
      const watcher = await Client.register();
      const taken = await Client.register();
      const target = "register";
      tally.start(target);
      const body = nearObject({
        username: { valid: fc.oneof({ weight: 5, arbitrary: usernameLike }, { weight: 1, arbitrary: fc.constant(taken.user.username) }) },
        password: { valid: passwordLike },
        displayName: { ...textNear(1, 64), optional: true },
      });
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const name = typeof input === "object" && input !== null ? str(input.username)?.trim().toLowerCase() : undefined;
          const before = name && /^[a-z0-9_]{3,32}$/.test(name) ? await lookUp(watcher, name) : null;
          const client = new Client(); // a fresh address: the per-IP limit is not what this fuzzes
          const res = await client.request("POST", "/api/auth/register", sent);
          const out = await checkResponse(res, `register ${show(sent)}`, [201], [...BODY, "weak_password", "username_taken", "rate_limited"]);
          tally.add(target, label(out));
          if (out.status === 201) {
            expect(userSchema.safeParse(out.body.user).success).toBe(true);
            expect(out.body.user.username).toBe(name);
            const display = str(input.displayName);
            expectSame(out.body.user.displayName, display === undefined ? name : display.trim(), "the display name as given, trimmed");
            expect(before, "a new account for a taken name").toBeNull();
            expect((await getJson(client, "/api/me")).user).toEqual(out.body.user);
          } else if (name && /^[a-z0-9_]{3,32}$/.test(name)) {
            expect(await lookUp(watcher, name), `refused register changed ${name}`).toBe(before);
          }
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15, 120),
  );

  it(
    "POST /api/auth/login signs in only with the right password and never adds a session when it refuses",
    async () => {
      const owner = await Client.register(uniqueName("login"), PASSWORD);
      const { username } = owner.user;
      const target = "login";
      tally.start(target);
      const body = nearObject({
        username: { valid: fc.oneof(fc.constantFrom(username, username.toUpperCase(), ` ${username}\n`), usernameLike) },
        password: { valid: fc.oneof(fc.constant(PASSWORD), passwordLike) },
      });
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const sessionsBefore = (await getJson(owner, "/api/auth/sessions")).sessions.length;
          const client = new Client();
          const res = await client.request("POST", "/api/auth/login", sent);
          const out = await checkResponse(res, `login ${show(sent)}`, [200], [...BODY, "invalid_credentials", "rate_limited"]);
          tally.add(target, label(out));
          const right = typeof input === "object" && input !== null && str(input.username)?.trim().toLowerCase() === username && input.password === PASSWORD;
          const sessionsAfter = (await getJson(owner, "/api/auth/sessions")).sessions.length;
          if (out.status === 200) {
            expect(right, `signed in with ${show(sent)}`).toBe(true);
            expect(out.body.user).toEqual(owner.user);
            expect(sessionsAfter).toBe(sessionsBefore + 1);
            await client.request("POST", "/api/auth/logout");
          } else {
            if (right) expect(out.code, `the right password refused: ${show(sent)}`).toBe("rate_limited");
            expect(sessionsAfter, `a refused login added a session: ${show(sent)}`).toBe(sessionsBefore);
          }
        }),
        params(12),
      );
      tally.stop(target);
    },
    timeoutFor(12, 120),
  );

  it(
    "POST /api/me/password changes the password only for the right current one, and a refusal signs nobody out",
    async () => {
      let password = PASSWORD;
      const main = await Client.register(uniqueName("pw"), password);
      const { username } = main.user;
      const signIn = async () => {
        const c = new Client();
        await c.json("POST", "/api/auth/login", { username, password });
        return c;
      };
      let other = await signIn();
      const target = "password";
      tally.start(target);
      // Sessions by id: a refused change must neither add nor revoke one.
      const sessions = async () => JSON.stringify((await getJson(main, "/api/auth/sessions")).sessions.map((s: any) => s.id).sort());
      const state = await new Tracked(async () => (await snapshot(main)) + (await sessions())).init();
      const body = nearObject({
        currentPassword: { valid: fc.oneof(fc.constant("<current>"), passwordLike) },
        newPassword: { valid: passwordLike },
      });
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const parsed = asParsed(toJsonText(generated));
          const input = typeof parsed === "object" && parsed !== null && parsed.currentPassword === "<current>" ? { ...parsed, currentPassword: password } : parsed;
          const sent = JSON.stringify(input);
          const res = await main.request("POST", "/api/me/password", sent);
          const out = await checkResponse(res, `password ${show(sent)}`, [204], [...BODY, "weak_password", "forbidden", "rate_limited"]);
          tally.add(target, label(out));
          // Wrong current passwords count against a per-user limit (like logins): 429 then.
          if (out.status === 204) {
            expect(input.currentPassword).toBe(password);
            expect((await other.request("GET", "/api/me")).status, "other sessions end").toBe(401);
            password = input.newPassword;
            other = await signIn();
            await state.refresh();
          } else {
            expect((await other.request("GET", "/api/me")).status, `a refused change signed out another session: ${show(sent)}`).toBe(200);
            await state.unchanged(`password ${show(sent)}`);
          }
        }),
        params(10),
      );
      // The password in force still signs in.
      await signIn();
      tally.stop(target);
    },
    timeoutFor(10, 150),
  );

  it(
    "PATCH /api/me stores trimmed names and bios, and a refusal leaves the profile as it was",
    async () => {
      const me = await Client.register();
      const target = "PATCH /api/me";
      tally.start(target);
      const state = await new Tracked(() => snapshot(me)).init();
      const body = nearObject({
        displayName: { ...textNear(1, 64), optional: true },
        bio: { ...textNear(0, 500), optional: true },
      });
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const prev = state.last[0].user;
          const res = await me.request("PATCH", "/api/me", sent);
          const out = await checkResponse(res, `PATCH /api/me ${show(sent)}`, [200], [...BODY]);
          tally.add(target, label(out));
          if (out.status === 200) {
            const u = out.body.user;
            expect(userSchema.safeParse(u).success).toBe(true);
            expectSame(u.displayName, str(input.displayName) === undefined ? prev.displayName : input.displayName.trim(), "the display name as given, trimmed");
            expectSame(u.bio, str(input.bio) === undefined ? prev.bio : input.bio.trim(), "the bio as given, trimmed");
            expect((await getJson(me, "/api/me")).user).toEqual(u);
            await state.refresh();
          } else {
            await state.unchanged(`PATCH /api/me ${show(sent)}`);
          }
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );

  it(
    "GET /api/users?q= finds at most 20 users by prefix and refuses bad queries with 400",
    async () => {
      const me = await Client.register();
      const target = "GET /api/users?q=";
      tally.start(target);
      await fc.assert(
        fc.asyncProperty(queryString({ q: fc.oneof(naughtyString, fc.constantFrom(me.user.username.slice(0, 4), "a", "")) }), async (qs) => {
          const res = await me.request("GET", `/api/users?${qs}`);
          const out = await checkResponse(res, `GET /api/users?${qs}`, [200], ["invalid_request"]);
          tally.add(target, label(out));
          if (out.status === 200) {
            expect(out.body.users.length).toBeLessThanOrEqual(20);
            for (const u of out.body.users) expect(userSchema.safeParse(u).success).toBe(true);
          }
        }),
        params(20),
      );
      tally.stop(target);
    },
    timeoutFor(20),
  );

  it(
    "GET /api/users/:username answers any name with a user or 404",
    async () => {
      const me = await Client.register();
      const target = "GET /api/users/:username";
      tally.start(target);
      await fc.assert(
        fc.asyncProperty(fc.oneof(naughtyString, anyJson.map(toJsonText)), async (name) => {
          const segment = encodeURIComponent(toWellFormed(name)) || "x";
          if (/^(\.|%2e){1,2}$/i.test(segment)) return;
          const res = await me.request("GET", `/api/users/${segment}`);
          const out = await checkResponse(res, `GET /api/users/${segment}`, [200], ["not_found"]);
          tally.add(target, label(out));
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );
});
