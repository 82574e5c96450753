// requireUser: every /api route that needs a signed-in caller runs behind this.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { getDb } from "../db/client.ts";
import { deleteSession, findSession, touchSession } from "../db/sessions.ts";
import { toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { settings } from "../lib/settings.ts";
import type { AppEnv } from "../types.ts";
import { readSessionToken, sessionCookie } from "./tokens.ts";

/** lastSeenAt is written at most this often, so reads do not turn into D1 writes. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

async function authenticate(c: Context<AppEnv>) {
  const token = sessionCookie(c);
  if (!token) return null;
  const claims = await readSessionToken(c.env, token);
  if (!claims) return null;
  const db = getDb(c.env);
  const found = await findSession(db, claims.sid);
  if (!found || found.user.id !== claims.userId) return null;
  const now = Date.now();
  const { session } = found;
  const idleFor = now - Date.parse(session.lastSeenAt);
  if (now >= Date.parse(session.expiresAt) || idleFor >= settings(c.env).sessionIdleMs) {
    c.executionCtx.waitUntil(deleteSession(db, session.userId, session.id));
    return null;
  }
  if (idleFor > TOUCH_EVERY_MS) c.executionCtx.waitUntil(touchSession(db, session.id));
  return { user: toUser(found.user), session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt } };
}

// Several sub-apps are mounted at the same prefix (/chats: chats, messages, members, links,
// media...), and each registers this middleware, so one request passes through it several
// times (up to six for a socket upgrade). The first pass decides; later ones see its result
// on the context and cost nothing (a JWT check and a D1 lookup each, otherwise).
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("user") !== undefined) return next();
  const auth = await authenticate(c);
  if (!auth) throw apiError("unauthenticated");
  c.set("user", auth.user);
  c.set("session", auth.session);
  await next();
});
