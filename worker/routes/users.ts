// Finding other people (API.md "Auth and account": /api/users).
import { or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { users } from "../db/schema.ts";
import { findUserByUsername, toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { fold } from "../lib/ids.ts";
import { validate } from "../lib/validate.ts";
import { userSearchQuery, type UserResponse, type UsersResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const userRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", validate("query", userSearchQuery), async (c) => {
    const q = fold(c.req.valid("query").q);
    // Prefix match on folded text. SQLite's substr() counts code points, JavaScript's
    // `length` counts UTF-16 units: an emoji is 1 to one and 2 to the other, so count points.
    const chars = [...q].length;
    const rows = await getDb(c.env)
      .select()
      .from(users)
      .where(
        or(
          sql`substr(${users.username}, 1, ${chars}) = ${q}`,
          sql`substr(${users.displayNameFold}, 1, ${chars}) = ${q}`,
        ),
      )
      .orderBy(users.username)
      .limit(20)
      .all();
    return c.json({ users: rows.map(toUser) } satisfies UsersResponse, 200);
  })
  .get("/:username", async (c) => {
    const row = await findUserByUsername(getDb(c.env), c.req.param("username").toLowerCase());
    if (!row) throw apiError("not_found");
    return c.json({ user: toUser(row) } satisfies UserResponse, 200);
  });
