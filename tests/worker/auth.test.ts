// Accounts: sign-up, sign-in, sessions, the profile, finding people, and the defences around
// them (rate limits, session tokens, Origin, password storage). docs/api.md "Auth and account",
// docs/security.md V6, V7 and V3.
//
// All tests of this file share one D1, and the login and registration limits count per IP and
// per username: every test signs up from its own IP with its own usernames, so no test can be
// rate-limited by another one.
import { env, exports } from "cloudflare:workers";
import { Hono } from "hono";
import { decodeJwt, SignJWT, UnsecuredJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PBKDF2_ITERATIONS } from "../../worker/auth/passwords.ts";
import { checkOrigin } from "../../worker/lib/origin.ts";
import type { User } from "#protocol";
import type { AppEnv } from "../../worker/types.ts";
import { Client, expectError, ORIGIN, uniqueName } from "./client.ts";

const PASSWORD = "correct horse battery staple";

let ipCount = 0;
const freshIp = () => `10.1.${ipCount >> 8}.${ipCount++ & 255}`;

const signUp = (username = uniqueName(), password = PASSWORD) => Client.register(username, password, freshIp());

/** A new device: a Client with no cookie, from an IP of its own unless given one. */
const device = (ip = freshIp()) => new Client(ip);

/** Someone holding a copy of `cookie` (a stolen or stale one). */
function holding(cookie: string | null) {
  const c = device();
  c.cookie = cookie;
  return c;
}

const login = (c: Client, username: string, password: string) => c.request("POST", "/api/auth/login", { username, password });

/** A request the Client cannot make: any content-type, any URL scheme. */
const raw = (url: string, init: RequestInit) => exports.default.fetch(new Request(url, init));

async function errorOf(res: Response) {
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe("registration", () => {
  it("creates an account with a lowercased username and signs it in with an httpOnly, SameSite=Lax cookie", async () => {
    const name = uniqueName("MiXeD_");
    const c = device();
    const res = await c.request("POST", "/api/auth/register", { username: name, password: PASSWORD });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: User };
    expect(user).toEqual({ id: expect.any(String), username: name.toLowerCase(), displayName: name.toLowerCase(), bio: "", avatarUrl: null });

    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^qm_session=[^;]+/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);

    expect(await c.json("GET", "/api/me")).toEqual({ user });
  });

  it("keeps a display name in any script", async () => {
    const c = device();
    const { user } = await c.json("POST", "/api/auth/register", { username: uniqueName(), password: PASSWORD, displayName: "  Анна Каренина " }, 201);
    expect(user.displayName).toBe("Анна Каренина");
  });

  it("sets a Secure __Host- cookie when served over https", async () => {
    const res = await raw("https://qm.test/api/auth/register", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://qm.test", "cf-connecting-ip": freshIp() },
      body: JSON.stringify({ username: uniqueName(), password: PASSWORD }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-qm_session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it("rejects a malformed username with invalid_request naming the field", async () => {
    for (const username of ["ab", "a".repeat(33), "has space", "dash-es", "имя_юзера", ""]) {
      const body = await expectError(await device().request("POST", "/api/auth/register", { username, password: PASSWORD }), 400, "invalid_request");
      expect(body.error.details, username).toEqual(expect.arrayContaining([expect.objectContaining({ path: "username" })]));
    }
  });

  it("rejects a password over 256 characters with invalid_request naming the field", async () => {
    const res = await device().request("POST", "/api/auth/register", { username: uniqueName(), password: "x".repeat(257) });
    const body = await expectError(res, 400, "invalid_request");
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "password" })]));
  });

  it("refuses a short, a common or a username-equal password as weak_password and creates no account", async () => {
    const name = uniqueName();
    for (const password of ["short12", "password123", "PassWord123", "iloveyou", name]) {
      await expectError(await device().request("POST", "/api/auth/register", { username: name, password }), 400, "weak_password");
    }
    // The name is still free: nothing was half-written.
    await device().json("POST", "/api/auth/register", { username: name, password: PASSWORD }, 201);
  });

  it("accepts a password of exactly 8 characters", async () => {
    await device().json("POST", "/api/auth/register", { username: uniqueName(), password: "Zq7#vL2m" }, 201);
  });

  it("refuses a taken username, whatever its case, with username_taken", async () => {
    const name = uniqueName("taken_");
    await signUp(name);
    await expectError(await device().request("POST", "/api/auth/register", { username: name, password: PASSWORD }), 409, "username_taken");
    await expectError(await device().request("POST", "/api/auth/register", { username: name.toUpperCase(), password: PASSWORD }), 409, "username_taken");
  });

  it("allows 20 registrations per IP in 10 minutes, then answers 429 with Retry-After", async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) await device(ip).json("POST", "/api/auth/register", { username: uniqueName(), password: PASSWORD }, 201);
    const refused = uniqueName();
    const res = await device(ip).request("POST", "/api/auth/register", { username: refused, password: PASSWORD });
    const retryAfter = Number(res.headers.get("retry-after"));
    await expectError(res, 429, "rate_limited");
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Another IP is not affected, and the refused attempt did not take the name.
    await device().json("POST", "/api/auth/register", { username: refused, password: PASSWORD }, 201);
  });
});

describe("login", () => {
  it("signs in with the right password, in any case of the username, with a new session cookie", async () => {
    const owner = await signUp();
    const other = device();
    const res = await login(other, owner.user.username.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: owner.user });
    expect(other.cookie).toMatch(/^qm_session=/);
    expect(other.cookie).not.toBe(owner.cookie);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    // Both devices are signed in, each with its own session.
    expect((await other.json("GET", "/api/me")).user.id).toBe(owner.user.id);
    expect((await owner.json("GET", "/api/auth/sessions")).sessions).toHaveLength(2);
  });

  it("answers a wrong password and an unknown user with the same status and body", async () => {
    const { user } = await signUp();
    const wrong = device();
    const wrongPassword = await errorOf(await login(wrong, user.username, "not the password"));
    const unknownUser = await errorOf(await login(device(), uniqueName("ghost"), "not the password"));
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error.code).toBe("invalid_credentials");
    expect(unknownUser).toEqual(wrongPassword);
    expect(wrong.cookie).toBeNull();
  });

  it("locks a username after five failures in a minute, even for the right password", async () => {
    const { user } = await signUp();
    // Each guess from its own IP: only the per-username limit can be what stops the sixth.
    for (let i = 0; i < 5; i++) await expectError(await login(device(), user.username, `guess number ${i}`), 401, "invalid_credentials");
    const res = await login(device(), user.username, PASSWORD);
    const retryAfter = Number(res.headers.get("retry-after"));
    await expectError(res, 429, "rate_limited");
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The lock is on the name, typed in any case.
    await expectError(await login(device(), user.username.toUpperCase(), PASSWORD), 429, "rate_limited");
  });

  it("locks an IP after five failures across different usernames", async () => {
    const { user } = await signUp();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await expectError(await login(device(ip), uniqueName("nobody"), "some password"), 401, "invalid_credentials");
    await expectError(await login(device(ip), user.username, PASSWORD), 429, "rate_limited");
    // The same account from another IP still gets in.
    expect((await login(device(), user.username, PASSWORD)).status).toBe(200);
  });

  it("does not let parallel guesses past the limit", async () => {
    const { user } = await signUp();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => login(device(), user.username, `parallel guess ${i}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  });

  describe("across the clock", () => {
    afterEach(() => vi.useRealTimers());

    it("counts failures in the last minute across a minute boundary and lifts the lock when Retry-After says", async () => {
      const { user } = await signUp();
      vi.useFakeTimers({ toFake: ["Date"] });
      const minute = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
      const at = (ms: number) => vi.setSystemTime(minute + ms);

      at(-2_000);
      for (let i = 0; i < 3; i++) await expectError(await login(device(), user.username, `early guess ${i}`), 401, "invalid_credentials");
      at(1_000);
      for (let i = 0; i < 2; i++) await expectError(await login(device(), user.username, `late guess ${i}`), 401, "invalid_credentials");

      // Five failures within three seconds: locked, though they fall into two clock minutes.
      at(2_000);
      const res = await login(device(), user.username, PASSWORD);
      const retryAfter = Number(res.headers.get("retry-after"));
      await expectError(res, 429, "rate_limited");
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);

      at(2_000 + (retryAfter - 1) * 1000);
      await expectError(await login(device(), user.username, PASSWORD), 429, "rate_limited");
      at(2_000 + retryAfter * 1000);
      expect((await login(device(), user.username, PASSWORD)).status).toBe(200);
    });
  });
});

describe("sessions", () => {
  it("logs out: 204, the cookie is cleared and the old cookie no longer works", async () => {
    const c = await signUp();
    const old = c.cookie;
    const res = await c.request("POST", "/api/auth/logout");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^qm_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    expect(c.cookie).toBeNull();
    await expectError(await holding(old).request("GET", "/api/me"), 401, "unauthenticated");
    await expectError(await c.request("GET", "/api/me"), 401, "unauthenticated");
  });

  it("answers 401 to requests without a session", async () => {
    for (const [method, path] of [
      ["GET", "/api/me"],
      ["PATCH", "/api/me"],
      ["POST", "/api/me/password"],
      ["POST", "/api/auth/logout"],
      ["GET", "/api/auth/sessions"],
      ["DELETE", "/api/auth/sessions"],
      ["GET", "/api/users?q=a"],
      ["GET", "/api/users/someone"],
    ] as const) {
      await expectError(await device().request(method, path, method === "GET" ? undefined : {}), 401, "unauthenticated");
    }
  });

  it("lists the user's sessions with the current one marked", async () => {
    const a = await signUp();
    const b = device();
    await b.request("POST", "/api/auth/login", { username: a.user.username, password: PASSWORD }, { headers: { "user-agent": "Phone Browser/1.0" } });
    const { sessions } = await b.json("GET", "/api/auth/sessions");
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(s).toEqual({ id: expect.any(String), createdAt: expect.any(String), lastSeenAt: expect.any(String), userAgent: expect.any(String), current: expect.any(Boolean) });
      expect(new Date(s.createdAt).toISOString()).toBe(s.createdAt);
    }
    const current = sessions.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].userAgent).toBe("Phone Browser/1.0");
    // The other device sees the same two sessions with its own one marked.
    const fromA = (await a.json("GET", "/api/auth/sessions")).sessions;
    expect(fromA.find((s: { current: boolean }) => s.current).id).not.toBe(current[0].id);
  });

  it("revokes one session: its cookie gets 401 at once, the others keep working", async () => {
    const a = await signUp();
    const b = device();
    expect((await login(b, a.user.username, PASSWORD)).status).toBe(200);
    const bSession = (await b.json("GET", "/api/auth/sessions")).sessions.find((s: { current: boolean }) => s.current);
    expect(await a.request("DELETE", `/api/auth/sessions/${bSession.id}`).then((r) => r.status)).toBe(204);
    await expectError(await b.request("GET", "/api/me"), 401, "unauthenticated");
    expect((await a.json("GET", "/api/me")).user.id).toBe(a.user.id);
    expect((await a.json("GET", "/api/auth/sessions")).sessions).toHaveLength(1);
  });

  it("does not let anyone revoke another user's session", async () => {
    const victim = await signUp();
    const attacker = await signUp();
    const [session] = (await victim.json("GET", "/api/auth/sessions")).sessions;
    await expectError(await attacker.request("DELETE", `/api/auth/sessions/${session.id}`), 404, "not_found");
    expect((await victim.json("GET", "/api/me")).user.id).toBe(victim.user.id);
  });

  it("signs out every other session and keeps the current one", async () => {
    const a = await signUp();
    const others = [device(), device()];
    for (const o of others) expect((await login(o, a.user.username, PASSWORD)).status).toBe(200);
    expect((await a.request("DELETE", "/api/auth/sessions")).status).toBe(204);
    for (const o of others) await expectError(await o.request("GET", "/api/me"), 401, "unauthenticated");
    expect((await a.json("GET", "/api/me")).user.id).toBe(a.user.id);
    const { sessions } = await a.json("GET", "/api/auth/sessions");
    expect(sessions).toEqual([expect.objectContaining({ current: true })]);
  });
});

describe("session expiry", () => {
  const DAY = 24 * 60 * 60 * 1000;
  afterEach(() => vi.useRealTimers());

  /** Waits until the server has recorded activity at the (frozen) current time. */
  async function seenNow(c: Client) {
    const now = new Date().toISOString();
    for (let i = 0; i < 100; i++) {
      const { sessions } = await c.json("GET", "/api/auth/sessions");
      if (sessions.find((s: { current: boolean }) => s.current).lastSeenAt === now) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("the session's activity was never recorded");
  }

  it("ends a session after 14 days without activity", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const idle = await signUp();
    const active = await signUp();
    vi.setSystemTime(start + 13 * DAY);
    expect((await active.request("GET", "/api/me")).status).toBe(200);
    vi.setSystemTime(start + 14 * DAY + 1000);
    await expectError(await idle.request("GET", "/api/me"), 401, "unauthenticated");
  });

  it("ends a session 60 days after sign-in even when it is used every week", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const c = await signUp();
    for (let day = 7; day < 60; day += 7) {
      vi.setSystemTime(start + day * DAY);
      await seenNow(c);
    }
    vi.setSystemTime(start + 60 * DAY + 1000);
    await expectError(await c.request("GET", "/api/me"), 401, "unauthenticated");
  });
});

describe("password change", () => {
  it("changes the password, signs out every other device and keeps this one", async () => {
    const a = await signUp();
    const other = device();
    expect((await login(other, a.user.username, PASSWORD)).status).toBe(200);
    const newPassword = "a brand new passphrase";
    expect((await a.request("POST", "/api/me/password", { currentPassword: PASSWORD, newPassword })).status).toBe(204);

    await expectError(await other.request("GET", "/api/me"), 401, "unauthenticated");
    expect((await a.json("GET", "/api/me")).user.id).toBe(a.user.id);
    await expectError(await login(device(), a.user.username, PASSWORD), 401, "invalid_credentials");
    expect((await login(device(), a.user.username, newPassword)).status).toBe(200);
  });

  it("refuses a wrong current password with 403 and keeps the old password", async () => {
    const a = await signUp();
    const res = await a.request("POST", "/api/me/password", { currentPassword: "not my password", newPassword: "a brand new passphrase" });
    await expectError(res, 403, "forbidden");
    expect((await login(device(), a.user.username, PASSWORD)).status).toBe(200);
  });

  it("refuses a weak new password with weak_password and keeps the old one", async () => {
    const a = await signUp();
    for (const newPassword of ["short", "password123", a.user.username]) {
      await expectError(await a.request("POST", "/api/me/password", { currentPassword: PASSWORD, newPassword }), 400, "weak_password");
    }
    expect((await login(device(), a.user.username, PASSWORD)).status).toBe(200);
  });
});

describe("profile", () => {
  it("returns the signed-in user from GET /api/me", async () => {
    const a = await signUp();
    expect(await a.json("GET", "/api/me")).toEqual({ user: a.user });
  });

  it("updates the display name in Cyrillic and the bio, and others see them", async () => {
    const a = await signUp();
    const { user } = await a.json("PATCH", "/api/me", { displayName: "Пётр Ильич", bio: "Пишу музыку. 🎻" });
    expect(user).toEqual({ ...a.user, displayName: "Пётр Ильич", bio: "Пишу музыку. 🎻" });
    expect((await a.json("GET", "/api/me")).user).toEqual(user);
    const b = await signUp();
    expect((await b.json("GET", `/api/users/${a.user.username}`)).user).toEqual(user);
  });

  it("changes only the fields that are given", async () => {
    const a = await signUp();
    await a.json("PATCH", "/api/me", { displayName: "First", bio: "Bio one" });
    const { user } = await a.json("PATCH", "/api/me", { bio: "Bio two" });
    expect(user.displayName).toBe("First");
    expect(user.bio).toBe("Bio two");
  });

  it("rejects an empty or over-long display name and an over-long bio with invalid_request, changing nothing", async () => {
    const a = await signUp();
    for (const [body, field] of [
      [{ displayName: "" }, "displayName"],
      [{ displayName: "   " }, "displayName"],
      [{ displayName: "x".repeat(65) }, "displayName"],
      [{ bio: "b".repeat(501) }, "bio"],
      [{ displayName: 42 }, "displayName"],
    ] as const) {
      const err = await expectError(await a.request("PATCH", "/api/me", body), 400, "invalid_request");
      expect(err.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
    expect((await a.json("GET", "/api/me")).user).toEqual(a.user);
  });

  it("accepts a display name of 64 characters and a bio of 500", async () => {
    const a = await signUp();
    const { user } = await a.json("PATCH", "/api/me", { displayName: "Я".repeat(64), bio: "б".repeat(500) });
    expect(user.displayName).toBe("Я".repeat(64));
    expect(user.bio).toHaveLength(500);
  });

  it("counts a display name's length in characters, so 64 emoji fit", async () => {
    const a = await signUp();
    const name = "🦊".repeat(64);
    const { user } = await a.json("PATCH", "/api/me", { displayName: name });
    expect(user.displayName).toBe(name);
  });
});

describe("finding people", () => {
  it("finds users by a prefix of the username, case-insensitively", async () => {
    const prefix = uniqueName("pfx").slice(0, 20);
    const a = await signUp(`${prefix}_anna`);
    const b = await signUp(`${prefix}_boris`);
    const { users } = await a.json("GET", `/api/users?q=${prefix.toUpperCase()}`);
    expect(users.map((u: User) => u.username).sort()).toEqual([a.user.username, b.user.username].sort());
    expect(users.find((u: User) => u.id === b.user.id)).toEqual(b.user);
    // A prefix, not a substring.
    expect((await a.json("GET", `/api/users?q=${prefix.slice(1)}_boris`)).users).toEqual([]);
  });

  it("finds users by a prefix of a Cyrillic display name in any case", async () => {
    const tag = uniqueName("").slice(-6);
    const a = await signUp();
    const b = await signUp();
    const name = `Светлана ${tag}`;
    await b.json("PATCH", "/api/me", { displayName: name });
    for (const q of [`светлана ${tag}`, `СВЕТЛАНА ${tag}`, `СвЕтЛаНа ${tag}`]) {
      const { users } = await a.json("GET", `/api/users?q=${encodeURIComponent(q)}`);
      expect(users.map((u: User) => u.id), q).toEqual([b.user.id]);
    }
    expect((await a.json("GET", `/api/users?q=${encodeURIComponent(`ветлана ${tag}`)}`)).users).toEqual([]);
  });

  it("finds users by a display name that starts with an emoji", async () => {
    const tag = uniqueName("").slice(-6);
    const a = await signUp();
    const b = await signUp();
    await b.json("PATCH", "/api/me", { displayName: `🦊${tag} Fox` });
    const { users } = await a.json("GET", `/api/users?q=${encodeURIComponent(`🦊${tag}`)}`);
    expect(users.map((u: User) => u.id)).toEqual([b.user.id]);
  });

  it("returns at most 20 users", async () => {
    const prefix = uniqueName("many").slice(0, 24);
    for (let i = 0; i < 21; i++) await device().json("POST", "/api/auth/register", { username: `${prefix}_${i}`, password: PASSWORD }, 201);
    const searcher = await signUp();
    const { users } = await searcher.json("GET", `/api/users?q=${prefix}`);
    expect(users).toHaveLength(20);
    for (const u of users) expect(u.username.startsWith(prefix)).toBe(true);
  });

  it("looks a user up by username in any case, and answers 404 for an unknown one", async () => {
    const a = await signUp();
    const b = await signUp();
    expect(await a.json("GET", `/api/users/${b.user.username.toUpperCase()}`)).toEqual({ user: b.user });
    await expectError(await a.request("GET", `/api/users/${uniqueName("nobody")}`), 404, "not_found");
  });
});

describe("session tokens", () => {
  const secret = () => new TextEncoder().encode((env as unknown as Env).JWT_SECRET);
  const tokenOf = (c: Client) => c.cookie!.slice(c.cookie!.indexOf("=") + 1);
  const withToken = (token: string) => holding(`qm_session=${token}`);

  /** Signs `payload` as the server would, with any changes a test wants to try. */
  const sign = (payload: Record<string, unknown>, opts: { key?: Uint8Array; alg?: string } = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg: opts.alg ?? "HS256", typ: "JWT" }).sign(opts.key ?? secret());

  it("accepts a token carrying the same claims when signed with the server's key", async () => {
    // The control for the refusals below: the claims they reuse are a working session.
    const a = await signUp();
    const token = await sign(decodeJwt(tokenOf(a)));
    expect((await withToken(token).json("GET", "/api/me")).user.id).toBe(a.user.id);
  });

  it("refuses a token signed with another key", async () => {
    const a = await signUp();
    const token = await sign(decodeJwt(tokenOf(a)), { key: new TextEncoder().encode("guessed-secret-guessed-secret-guessed-secret") });
    await expectError(await withToken(token).request("GET", "/api/me"), 401, "unauthenticated");
  });

  it("refuses a token whose payload was edited after signing", async () => {
    const a = await signUp();
    const b = await signUp();
    const [header, , signature] = tokenOf(a).split(".");
    const payload = { ...decodeJwt(tokenOf(a)), sub: b.user.id };
    const edited = btoa(JSON.stringify(payload)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    await expectError(await withToken(`${header}.${edited}.${signature}`).request("GET", "/api/me"), 401, "unauthenticated");
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const a = await signUp();
    const token = new UnsecuredJWT(decodeJwt(tokenOf(a))).encode();
    await expectError(await withToken(token).request("GET", "/api/me"), 401, "unauthenticated");
  });

  it("refuses a token signed with another HMAC algorithm", async () => {
    const a = await signUp();
    const token = await sign(decodeJwt(tokenOf(a)), { alg: "HS512" });
    await expectError(await withToken(token).request("GET", "/api/me"), 401, "unauthenticated");
  });

  it("refuses a correctly signed token with the wrong audience or issuer, or expired", async () => {
    const a = await signUp();
    const claims = decodeJwt(tokenOf(a));
    for (const changed of [{ aud: "someone-else" }, { iss: "someone-else" }, { exp: Math.floor(Date.now() / 1000) - 10 }]) {
      const token = await sign({ ...claims, ...changed });
      await expectError(await withToken(token).request("GET", "/api/me"), 401, "unauthenticated");
    }
  });

  it("refuses a correctly signed token that names another user than the session's", async () => {
    const a = await signUp();
    const b = await signUp();
    const token = await sign({ ...decodeJwt(tokenOf(a)), sub: b.user.id });
    await expectError(await withToken(token).request("GET", "/api/me"), 401, "unauthenticated");
  });

  it("refuses a correctly signed token for a session that does not exist", async () => {
    const a = await signUp();
    const token = await sign({ ...decodeJwt(tokenOf(a)), sid: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    await expectError(await withToken(token).request("GET", "/api/me"), 401, "unauthenticated");
  });

  it("refuses garbage in the cookie", async () => {
    for (const token of ["", "not-a-jwt", "a.b.c", "%%%"]) {
      await expectError(await withToken(token).request("GET", "/api/me"), 401, "unauthenticated");
    }
  });
});

describe("Origin check", () => {
  it("refuses a state-changing request from a foreign Origin with bad_origin and does nothing", async () => {
    const name = uniqueName();
    for (const origin of ["https://evil.example", "null", "http://qm.test.evil.example", "https://qm.test"]) {
      const res = await device().request("POST", "/api/auth/register", { username: name, password: PASSWORD }, { origin });
      await expectError(res, 403, "bad_origin");
    }
    const a = await signUp();
    await expectError(await a.request("PATCH", "/api/me", { bio: "pwned" }, { origin: "https://evil.example" }), 403, "bad_origin");
    await expectError(await a.request("POST", "/api/auth/logout", undefined, { origin: "https://evil.example" }), 403, "bad_origin");
    expect((await a.json("GET", "/api/me")).user.bio).toBe("");
    // The refused registration did not take the name.
    await device().json("POST", "/api/auth/register", { username: name, password: PASSWORD }, 201);
  });

  it("allows a state-changing request without an Origin header", async () => {
    const c = device();
    const res = await c.request("POST", "/api/auth/register", { username: uniqueName(), password: PASSWORD }, { origin: null });
    expect(res.status).toBe(201);
    expect((await c.request("PATCH", "/api/me", { bio: "hi" }, { origin: null })).status).toBe(200);
  });

  it("allows reads from any Origin", async () => {
    const a = await signUp();
    expect((await a.request("GET", "/api/me", undefined, { origin: "https://evil.example" })).status).toBe(200);
  });

  it("allows an Origin from ALLOWED_ORIGINS only when it is configured", async () => {
    // The check itself, run with a configured allow-list (the test Worker has none).
    const app = new Hono<AppEnv>().use(checkOrigin).post("/x", (c) => c.text("ok")).get("/ws", (c) => c.text("ok"));
    const post = (origin: string, allowed: string) =>
      app.request(`${ORIGIN}/x`, { method: "POST", headers: { origin } }, { ...env, ALLOWED_ORIGINS: allowed });
    expect((await post("https://app.example", "https://app.example, https://other.example")).status).toBe(200);
    expect((await post("https://other.example", "https://app.example, https://other.example")).status).toBe(200);
    await expectError(await post("https://app.example", ""), 403, "bad_origin");
    await expectError(await post("https://evil.example", "https://app.example"), 403, "bad_origin");
    await expectError(await post("https://app.example.evil", "https://app.example"), 403, "bad_origin");
    const upgrade = (origin: string) =>
      app.request(`${ORIGIN}/ws`, { headers: { origin, upgrade: "websocket" } }, { ...env, ALLOWED_ORIGINS: "https://app.example" });
    expect((await upgrade("https://app.example")).status).toBe(200);
    await expectError(await upgrade("https://evil.example"), 403, "bad_origin");
  });
});

describe("password storage", () => {
  it("uses at most 100,000 PBKDF2 iterations, the most Workers allow in production", () => {
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
  });

  it("stores a versioned PBKDF2-SHA256 string with a random 16-byte salt, never the password", async () => {
    const password = "a distinctive passphrase 42";
    const a = await signUp(uniqueName(), password);
    const b = await signUp(uniqueName(), password);
    const hashOf = async (id: string) =>
      (await env.DB.prepare("SELECT password_hash AS h FROM users WHERE id = ?").bind(id).first<{ h: string }>())!.h;
    const [ha, hb] = [await hashOf(a.user.id), await hashOf(b.user.id)];
    for (const h of [ha, hb]) {
      expect(h).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(h).not.toContain(password);
    }
    // Same password, different salt, different hash.
    expect(ha.split("$")[2]).not.toBe(hb.split("$")[2]);
    expect(ha.split("$")[3]).not.toBe(hb.split("$")[3]);
  });
});

describe("request bodies", () => {
  const post = (body: string, contentType: string) =>
    raw(`${ORIGIN}/api/auth/register`, { method: "POST", headers: { "content-type": contentType, origin: ORIGIN, "cf-connecting-ip": freshIp() }, body });

  it("answers malformed JSON with 400 invalid_request, not a 500", async () => {
    for (const body of ["{", '{"username": "abc",', "not json at all", ""]) {
      await expectError(await post(body, "application/json"), 400, "invalid_request");
    }
  });

  it("answers JSON that is not an object with 400 invalid_request", async () => {
    for (const body of ["null", "[]", '"text"', "42"]) await expectError(await post(body, "application/json"), 400, "invalid_request");
  });

  it("does not read a body sent with another content-type as JSON", async () => {
    const username = uniqueName();
    const body = JSON.stringify({ username, password: PASSWORD });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      await expectError(await post(body, type), 400, "invalid_request");
    }
    // None of them created the account.
    await device().json("POST", "/api/auth/register", { username, password: PASSWORD }, 201);
  });
});
