// The invitee's side of invites: list, accept, decline (docs/api.md "Chats, members, invites").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { findInvite, invitesTo } from "../db/chats.ts";
import { toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { getChatView } from "../services/chat-view.ts";
import { dropInvite } from "../services/invites.ts";
import { joinByInvite } from "../services/membership.ts";
import { idParam, type ChatResponse, type Invite, type InvitesResponse } from "#protocol";
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
    // Someone else's invite is as invisible as a missing one.
    const invite = await findInvite(getDb(c.env), c.req.valid("param").id);
    if (!invite || invite.toId !== c.var.user.id) throw apiError("not_found");
    await joinByInvite(c, invite, c.var.user);
    return c.json({ chat: await getChatView(c.env, invite.chatId, c.var.user.id) } satisfies ChatResponse, 200);
  })
  .post("/:id/decline", validate("param", idParam), async (c) => {
    const invite = await findInvite(getDb(c.env), c.req.valid("param").id);
    if (!invite || invite.toId !== c.var.user.id) throw apiError("not_found");
    await dropInvite(c, invite);
    return c.body(null, 204);
  });
