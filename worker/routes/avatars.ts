// Profile pictures: PUT/DELETE /api/me/avatar and GET /api/users/:id/avatar.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { findUserById, setAvatarKey, toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import { limitUser } from "../lib/limits.ts";
import { spreadProfile } from "../lib/profile-changed.ts";
import { serveObject } from "../lib/serve-object.ts";
import { settings } from "../lib/settings.ts";
import { readUpload } from "../lib/upload.ts";
import { validate } from "../lib/validate.ts";
import { idParam, type UserResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

async function setAvatar(env: Env, userId: string, key: string | null) {
  const db = getDb(env);
  const before = await findUserById(db, userId);
  await setAvatarKey(db, userId, key);
  if (before?.avatarKey) await env.MEDIA.delete(before.avatarKey);
  const after = await findUserById(db, userId);
  if (!after) throw apiError("unauthenticated");
  const user = toUser(after);
  await spreadProfile(env, user);
  return user;
}

/** Mounted under /api/me. */
export const myAvatarRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .put("/avatar", async (c) => {
    await limitUser(c, "uploads");
    const max = settings(c.env).maxAvatarBytes;
    const upload = await readUpload(c.req.raw, { image: max, video: 0, kinds: ["image"] });
    // A new key per picture: the URL changes with it, so caches never show the old one.
    const key = `avatars/${c.var.user.id}/${newId()}`;
    await c.env.MEDIA.put(key, upload.body, { httpMetadata: { contentType: upload.type.contentType } });
    await upload.done;
    return c.json({ user: await setAvatar(c.env, c.var.user.id, key) } satisfies UserResponse, 200);
  })
  .delete("/avatar", async (c) => c.json({ user: await setAvatar(c.env, c.var.user.id, null) } satisfies UserResponse, 200));

/** Mounted under /api/users. */
export const userAvatarRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:id/avatar", validate("param", idParam), async (c) => {
    const row = await findUserById(getDb(c.env), c.req.valid("param").id);
    if (!row?.avatarKey) throw apiError("not_found");
    return serveObject(c.env.MEDIA, row.avatarKey, c.req.raw, null, `${row.username}-avatar`);
  });
