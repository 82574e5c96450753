// Invite links: owners and admins make them; anyone signed in may preview and join with a
// usable one (docs/api.md "Chats, members, invites"). An expired, revoked or used-up link is
// simply not found.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { isMember } from "../db/chats.ts";
import { createLink, deleteLink, findUsableLink, listLinks, type LinkRow } from "../db/links.ts";
import { memberIds } from "../db/members.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { chatAccess } from "../services/chat-access.ts";
import { getChatView } from "../services/chat-view.ts";
import { limitUser } from "../services/limits.ts";
import { joinWithLink } from "../services/membership.ts";
import { chatLinkParam, createLinkBody, idParam, tokenParam, type ChatResponse, type Link, type LinkPreview, type LinkResponse, type LinksResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

const linkView = (origin: string, l: LinkRow): Link => ({
  token: l.token,
  url: `${origin}/join/${l.token}`,
  expiresAt: l.expiresAt,
  maxUses: l.maxUses,
  uses: l.uses,
});

/** Chat-scoped routes, mounted under /api/chats. */
export const chatLinkRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/:id/links", validate("param", idParam), validate("json", createLinkBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "admin");
    if (row.chat.kind === "direct") throw apiError("forbidden");
    const link = await createLink(getDb(c.env), { chatId: row.chat.id, createdBy: c.var.user.id, ...c.req.valid("json") });
    return c.json({ link: linkView(new URL(c.req.url).origin, link) } satisfies LinkResponse, 201);
  })
  .get("/:id/links", validate("param", idParam), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "admin");
    const origin = new URL(c.req.url).origin;
    return c.json({ links: (await listLinks(getDb(c.env), row.chat.id)).map((l) => linkView(origin, l)) } satisfies LinksResponse, 200);
  })
  .delete("/:id/links/:token", validate("param", chatLinkParam), async (c) => {
    const { id, token } = c.req.valid("param");
    const row = await chatAccess(c, id, "admin");
    if (!(await deleteLink(getDb(c.env), row.chat.id, token))) throw apiError("not_found");
    return c.body(null, 204);
  });

/** Token routes, mounted under /api/links. */
export const linkRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:token", validate("param", tokenParam), async (c) => {
    const db = getDb(c.env);
    const found = await findUsableLink(db, c.req.valid("param").token);
    if (!found) throw apiError("not_found");
    const count = (await memberIds(db, found.chat.id)).length;
    return c.json({ chat: { id: found.chat.id, name: found.chat.name, memberCount: count } } satisfies LinkPreview, 200);
  })
  .post("/:token/join", validate("param", tokenParam), async (c) => {
    const db = getDb(c.env);
    const { token } = c.req.valid("param");
    const found = await findUsableLink(db, token);
    if (!found) throw apiError("not_found");
    // Following a link into a chat you are already in just opens it; no use is spent.
    if (!(await isMember(db, found.chat.id, c.var.user.id))) {
      await limitUser(c, "joins");
      // Not admitted: the link stopped being usable meanwhile, unless a concurrent join (an
      // invite accepted in another tab) made the caller a member first.
      if (!(await joinWithLink(c, token, found.chat.id, c.var.user)) && !(await isMember(db, found.chat.id, c.var.user.id))) throw apiError("not_found");
    }
    return c.json({ chat: await getChatView(c.env, found.chat.id, c.var.user.id) } satisfies ChatResponse, 200);
  });
