// Profile pictures: PUT/DELETE /api/me/avatar and GET /api/users/:id/avatar.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { findUserById } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { settings } from "../lib/settings.ts";
import { validate } from "../lib/validate.ts";
import { serveObject } from "../media/serve.ts";
import { readUpload } from "../media/upload.ts";
import { limitUser } from "../services/limits.ts";
import { changeAvatar } from "../services/profile.ts";
import { idParam, type UserResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

/** Mounted under /api/me. */
export const myAvatarRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .put("/avatar", async (c) => {
    await limitUser(c, "uploads");
    const max = settings(c.env).maxAvatarBytes;
    const upload = await readUpload(c.req.raw, { image: max });
    return c.json({ user: await changeAvatar(c, c.var.user.id, upload) } satisfies UserResponse, 200);
  })
  .delete("/avatar", async (c) => c.json({ user: await changeAvatar(c, c.var.user.id, null) } satisfies UserResponse, 200));

/** Mounted under /api/users. */
export const userAvatarRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:id/avatar", validate("param", idParam), async (c) => {
    const row = await findUserById(getDb(c.env), c.req.valid("param").id);
    if (!row?.avatarKey) throw apiError("not_found");
    return serveObject(c.env, row.avatarKey, c.req.raw, null, `${row.username}-avatar`);
  });
