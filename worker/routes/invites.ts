// The invitee's side of invites: list, accept, decline (API.md "Chats, members, invites").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { acceptInvite, deleteInvite, findInvite, invitesTo } from "../db/chats.ts";
import { toUser } from "../db/users.ts";
import { chatView } from "../lib/chat-view.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { idParam, type ChatResponse, type Invite, type InvitesResponse } from "#protocol";
import { inboxStub, roomStub } from "../rooms/stubs.ts";
import type { AppEnv } from "../types.ts";

export const inviteRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => {
    const rows = await invitesTo(getDb(c.env), c.var.user.id);
    const invites: Invite[] = rows.map((r) => ({
      id: r.invite.id,
      chat: { id: r.invite.chatId, name: r.chatName },
      from: toUser(r.from),
      to: toUser(r.to),
      createdAt: r.invite.createdAt,
    }));
    return c.json({ invites } satisfies InvitesResponse, 200);
  })
  .post("/:id/accept", validate("param", idParam), async (c) => {
    const db = getDb(c.env);
    // Someone else's invite is as invisible as a missing one.
    const invite = await findInvite(db, c.req.valid("param").id);
    if (!invite || invite.toId !== c.var.user.id) throw apiError("not_found");
    if (!(await acceptInvite(db, invite))) throw apiError("not_found");
    await roomStub(c.env, invite.chatId).memberJoined(invite.chatId, c.var.user, true);
    const chat = await chatView(c.env, invite.chatId, c.var.user.id);
    if (!chat) throw apiError("not_found");
    c.executionCtx.waitUntil(inboxStub(c.env, c.var.user.id).notify({ type: "invite_removed", id: invite.id }));
    return c.json({ chat } satisfies ChatResponse, 200);
  })
  .post("/:id/decline", validate("param", idParam), async (c) => {
    const db = getDb(c.env);
    const invite = await findInvite(db, c.req.valid("param").id);
    if (!invite || invite.toId !== c.var.user.id) throw apiError("not_found");
    if (await deleteInvite(db, invite.id)) {
      c.executionCtx.waitUntil(inboxStub(c.env, c.var.user.id).notify({ type: "invite_removed", id: invite.id }));
    }
    return c.body(null, 204);
  });
