// Finding other people (docs/api.md "Auth and account": /api/users).
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { findUserByUsername, searchUsers, toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { fold } from "../lib/ids.ts";
import { validate } from "../lib/validate.ts";
import { userSearchQuery, type UserResponse, type UsersResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const userRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", validate("query", userSearchQuery), async (c) => {
    const rows = await searchUsers(getDb(c.env), fold(c.req.valid("query").q), c.var.user.id);
    return c.json({ users: rows.map(toUser) } satisfies UsersResponse, 200);
  })
  .get("/:username", async (c) => {
    const row = await findUserByUsername(getDb(c.env), c.req.param("username").toLowerCase());
    if (!row) throw apiError("not_found");
    return c.json({ user: toUser(row) } satisfies UserResponse, 200);
  });
