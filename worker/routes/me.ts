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
import { changeProfile } from "../services/profile.ts";
import { closeSessionSockets } from "../services/sessions.ts";
import { passwordChangeBody, profilePatchBody, type UserResponse } from "#protocol";
import type { AppEnv } from "../types.ts";
import { checkPasswordStrength } from "./auth.ts";

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
    // A stolen session must not become an online password-guessing oracle: wrong current
    // passwords count like failed logins.
    const window: Window = { key: `password-fail:user:${c.var.user.id}`, limit: settings(c.env).loginFailuresPerMinute, windowMs: 60_000 };
    const taken = await take(db, [window]);
    if (!taken.ok) throw rateLimited(taken.retryAfter);
    const row = await findUserById(db, c.var.user.id);
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
      throw apiError("forbidden", { message: "The current password is wrong." });
    }
    await taken.giveBack();
    checkPasswordStrength(newPassword, row.username);
    await setPasswordHash(db, row.id, await hashPassword(newPassword));
    // A changed password is often a response to a stolen one: every other device signs out.
    await closeSessionSockets(c.env, row.id, await deleteOtherSessions(db, row.id, c.var.session.id));
    return c.body(null, 204);
  });
