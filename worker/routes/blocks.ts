// Blocking: GET/PUT/DELETE /api/me/blocks (docs/api.md "Blocking"). Mounted under /api/me.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { blockedBy } from "../db/blocks.ts";
import { getDb } from "../db/client.ts";
import { findUserById, toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { block, unblock } from "../services/blocks.ts";
import { idParam, type UserResponse, type UsersResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const blockRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/blocks", async (c) => {
    const rows = await blockedBy(getDb(c.env), c.var.user.id);
    return c.json({ users: rows.map((r) => toUser(r.user)) } satisfies UsersResponse, 200);
  })
  .put("/blocks/:id", validate("param", idParam), async (c) => {
    const { id } = c.req.valid("param");
    if (id === c.var.user.id) throw apiError("invalid_request", { message: "You cannot block yourself." });
    const row = await findUserById(getDb(c.env), id);
    if (!row || row.deletedAt) throw apiError("not_found", { message: "No such user." });
    await block(c.env, c.var.user.id, id);
    return c.json({ user: toUser(row) } satisfies UserResponse, 200);
  })
  .delete("/blocks/:id", validate("param", idParam), async (c) => {
    await unblock(c.env, c.var.user.id, c.req.valid("param").id);
    return c.body(null, 204);
  });
