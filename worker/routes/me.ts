// The signed-in user's own account (docs/api.md "Auth and account").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { getDb } from "../db/client.ts";
import { take } from "../db/rate-windows.ts";
import { deleteOtherSessions } from "../db/sessions.ts";
import { findUserById, setPasswordHash } from "../db/users.ts";
import { apiError, rateLimited } from "../lib/errors.ts";
import type { Window } from "../lib/rate-limit.ts";
import { settings } from "../lib/settings.ts";
import { validate } from "../lib/validate.ts";
import { clearSessionCookie } from "../auth/tokens.ts";
import { deleteAccount, exportAccount } from "../services/account.ts";
import { limitUser } from "../services/limits.ts";
import { changeProfile } from "../services/profile.ts";
import { closeSessionSockets } from "../services/sessions.ts";
import { deleteAccountBody, passwordChangeBody, profilePatchBody, type AccountExport, type UserResponse } from "#protocol";
import type { Context } from "hono";
import type { AppEnv } from "../types.ts";
import { checkPasswordStrength } from "./auth.ts";

/** The password check of a sensitive change (a new password, deleting the account). A stolen
 * session must not become an online password-guessing oracle: wrong passwords count like
 * failed logins. Returns the user row. */
async function checkPassword(c: Context<AppEnv>, password: string) {
  const db = getDb(c.env);
  const window: Window = { key: `password-fail:user:${c.var.user.id}`, limit: settings(c.env).loginFailuresPerMinute, windowMs: 60_000 };
  const taken = await take(db, [window]);
  if (!taken.ok) throw rateLimited(taken.retryAfter);
  const row = await findUserById(db, c.var.user.id);
  if (!row || !(await verifyPassword(password, row.passwordHash))) {
    throw apiError("forbidden", { message: "The current password is wrong." });
  }
  await taken.giveBack();
  return row;
}

export const meRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", (c) => c.json({ user: c.var.user } satisfies UserResponse, 200))
  .patch("/", validate("json", profilePatchBody), async (c) => {
    const user = await changeProfile(c, c.var.user.id, c.req.valid("json"));
    return c.json({ user } satisfies UserResponse, 200);
  })
  .post("/password", validate("json", passwordChangeBody), async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const db = getDb(c.env);
    const row = await checkPassword(c, currentPassword);
    checkPasswordStrength(newPassword, row.username);
    await setPasswordHash(db, row.id, await hashPassword(newPassword));
    // A changed password is often a response to a stolen one: every other device signs out.
    await closeSessionSockets(c.env, row.id, await deleteOtherSessions(db, row.id, c.var.session.id));
    return c.body(null, 204);
  })
  // Deleting one's account: the username typed again and the password (docs/api.md).
  .delete("/", validate("json", deleteAccountBody), async (c) => {
    const { username, password } = c.req.valid("json");
    if (username.trim().toLowerCase() !== c.var.user.username) throw apiError("invalid_request", { message: "Type your username to confirm." });
    await checkPassword(c, password);
    await deleteAccount(c, c.var.user);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  // Everything the account holds, as a download. It reads every chat's room, so it counts
  // against the search limit.
  .get("/export", async (c) => {
    await limitUser(c, "searches");
    const data = await exportAccount(c.env, c.var.user.id);
    const name = `qmessenger-${c.var.user.username}-${data.exportedAt.slice(0, 10)}.json`;
    return c.body(JSON.stringify(data satisfies AccountExport, null, 2), 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    });
  });
