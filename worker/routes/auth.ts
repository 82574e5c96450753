// Sign-up, sign-in, sign-out and the sessions list (docs/api.md "Auth and account").
import { Hono } from "hono";
import type { Context } from "hono";
import { isCommonPassword } from "../auth/common-passwords.ts";
import { requireUser } from "../auth/middleware.ts";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../auth/passwords.ts";
import { assertSigningKey, clearSessionCookie, setSessionCookie, signSessionToken } from "../auth/tokens.ts";
import { getDb } from "../db/client.ts";
import { take } from "../db/rate-windows.ts";
import { createSession, deleteOtherSessions, deleteSession, listSessions } from "../db/sessions.ts";
import { findUserByUsername, insertUser, toUser } from "../db/users.ts";
import { apiError, rateLimited } from "../lib/errors.ts";
import { ipLimitKey } from "../lib/ip.ts";
import type { Window } from "../lib/rate-limit.ts";
import { settings } from "../lib/settings.ts";
import { closeSessionSockets } from "../services/sessions.ts";
import { validate } from "../lib/validate.ts";
import { limits, loginBody, registerBody, type SessionsResponse, type UserResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

const MINUTE = 60_000;

/** The client a per-IP limit counts: an IPv4 address, or an IPv6 /64 (lib/ip.ts). */
const clientIp = (c: Context) => ipLimitKey(c.req.header("cf-connecting-ip") ?? "unknown");

/** Too short, too common, or the username itself: `weak_password`. */
export function checkPasswordStrength(password: string, username: string) {
  if ([...password].length < limits.passwordMin) throw apiError("weak_password", { message: `Use at least ${limits.passwordMin} characters.` });
  if (isCommonPassword(password) || password.toLowerCase() === username) {
    throw apiError("weak_password", { message: "This password is too common. Choose another." });
  }
}

/** Signs the user in on this device: a new session row and its cookie. */
async function startSession(c: Context<AppEnv>, userId: string) {
  const { sessionMaxMs } = settings(c.env);
  const { secret, session } = await createSession(getDb(c.env), userId, c.req.header("user-agent") ?? "", sessionMaxMs);
  const expiresAt = new Date(session.expiresAt);
  setSessionCookie(c, await signSessionToken(c.env, secret, userId, expiresAt), expiresAt);
}

export const authRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    assertSigningKey(c.env);
    await next();
  })
  .post("/register", validate("json", registerBody), async (c) => {
    const body = c.req.valid("json");
    const db = getDb(c.env);
    const perIp: Window = { key: `register:ip:${clientIp(c)}`, limit: settings(c.env).registrationsPer10Minutes, windowMs: 10 * MINUTE };
    // Every attempt counts, successful or not: the limit is on accounts made per IP.
    const taken = await take(db, [perIp]);
    if (!taken.ok) throw rateLimited(taken.retryAfter);
    checkPasswordStrength(body.password, body.username);
    const user = await insertUser(db, {
      username: body.username,
      displayName: body.displayName ?? body.username,
      passwordHash: await hashPassword(body.password),
    });
    if (!user) throw apiError("username_taken");
    await startSession(c, user.id);
    return c.json({ user: toUser(user) } satisfies UserResponse, 201);
  })
  .post("/login", validate("json", loginBody), async (c) => {
    const { username, password } = c.req.valid("json");
    const db = getDb(c.env);
    const limit = settings(c.env).loginFailuresPerMinute;
    const windows: Window[] = [
      { key: `login-fail:user:${username}`, limit, windowMs: MINUTE },
      { key: `login-fail:ip:${clientIp(c)}`, limit, windowMs: MINUTE },
    ];
    // The attempt is counted as a failure before the password is checked, so parallel
    // guesses cannot all slip under the limit; a successful login gives its count back.
    const taken = await take(db, windows);
    if (!taken.ok) throw rateLimited(taken.retryAfter);
    const user = await findUserByUsername(db, username);
    // An unknown user still costs one PBKDF2 derivation, so timing does not tell them apart.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw apiError("invalid_credentials");
    await taken.giveBack();
    await startSession(c, user.id);
    return c.json({ user: toUser(user) } satisfies UserResponse, 200);
  })
  .post("/logout", requireUser, async (c) => {
    await deleteSession(getDb(c.env), c.var.user.id, c.var.session.id);
    await closeSessionSockets(c.env, c.var.user.id, [c.var.session.id]);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get("/sessions", requireUser, async (c) => {
    const rows = await listSessions(getDb(c.env), c.var.user.id);
    const sessions = rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      userAgent: s.userAgent,
      current: s.id === c.var.session.id,
    }));
    return c.json({ sessions } satisfies SessionsResponse, 200);
  })
  .delete("/sessions/:id", requireUser, async (c) => {
    const revoked = await deleteSession(getDb(c.env), c.var.user.id, c.req.param("id"));
    if (!revoked) throw apiError("not_found");
    await closeSessionSockets(c.env, c.var.user.id, [c.req.param("id")]);
    if (c.req.param("id") === c.var.session.id) clearSessionCookie(c);
    return c.body(null, 204);
  })
  .delete("/sessions", requireUser, async (c) => {
    await closeSessionSockets(c.env, c.var.user.id, await deleteOtherSessions(getDb(c.env), c.var.user.id, c.var.session.id));
    return c.body(null, 204);
  });
