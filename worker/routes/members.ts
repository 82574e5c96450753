// Roles, ownership transfer, leaving and removal (docs/api.md "Chats, members, invites").
//   owner: anything, including promoting/demoting admins and transferring ownership
//   admin: removes members (not admins or the owner)
//   member: may only leave
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { findMember, otherMemberCount } from "../db/members.ts";
import { toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { chatAccess } from "../services/chat-access.ts";
import { changeRole, removeFromChat } from "../services/membership.ts";
import { mayRemove, memberParam, memberRoleBody, type MemberResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const memberRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .patch("/:id/members/:userId", validate("param", memberParam), validate("json", memberRoleBody), async (c) => {
    const { id, userId } = c.req.valid("param");
    const row = await chatAccess(c, id, "member");
    if (row.chat.kind === "direct") throw apiError("forbidden", { message: "Direct chats have no roles." });
    if (row.role !== "owner") throw apiError("forbidden", { message: "Only the owner changes roles." });
    const db = getDb(c.env);
    const target = await findMember(db, row.chat.id, userId);
    if (!target) throw apiError("not_found", { message: "No such member." });
    if (target.user.id === c.var.user.id) throw apiError("forbidden", { message: "Give ownership to someone else instead." });
    await changeRole(c, row.chat.id, c.var.user, toUser(target.user), target.role, c.req.valid("json").role);
    // Read back, not assumed: a concurrent removal shows as 404, not as a role nobody has.
    const updated = await findMember(db, row.chat.id, target.user.id);
    if (!updated) throw apiError("not_found", { message: "No such member." });
    return c.json({ member: { user: toUser(updated.user), role: updated.role } } satisfies MemberResponse, 200);
  })
  .delete("/:id/members/:userId", validate("param", memberParam), async (c) => {
    const { id, userId } = c.req.valid("param");
    const row = await chatAccess(c, id, "member");
    const db = getDb(c.env);
    const self = userId === c.var.user.id;
    if (self) {
      if (row.chat.kind === "direct") throw apiError("forbidden", { message: "A direct chat cannot be left." });
      if (row.role === "owner" && (await otherMemberCount(db, row.chat.id, c.var.user.id)) > 0) throw apiError("owner_must_transfer");
      await removeFromChat(c, row.chat.id, c.var.user, c.var.user);
      return c.body(null, 204);
    }
    const target = await findMember(db, row.chat.id, userId);
    if (!target) throw apiError("not_found", { message: "No such member." });
    if (row.chat.kind === "direct" || !mayRemove(row.role, target.role)) throw apiError("forbidden");
    await removeFromChat(c, row.chat.id, toUser(target.user), c.var.user);
    return c.body(null, 204);
  });
