// WebSocket upgrades. The Worker authenticates and authorizes (session, Origin, membership)
// before anything reaches a Durable Object; a refused upgrade is an ordinary HTTP error.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { chatAccess } from "../lib/chat-access.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { idParam, socketQuery } from "#protocol";
import { identityHeaders, inboxStub, roomStub } from "../rooms/stubs.ts";
import type { AppEnv } from "../types.ts";

const requireUpgrade = (req: Request) => {
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    throw apiError("invalid_request", { message: "Expected a WebSocket upgrade." });
  }
};

// Mounted at /api itself, so the session check is per route: a blanket .use() here would
// answer every unknown /api path with 401 instead of 404.
export const realtimeRoutes = new Hono<AppEnv>()
  .get("/chats/:id/ws", requireUser, validate("param", idParam), validate("query", socketQuery), async (c) => {
    requireUpgrade(c.req.raw);
    const row = await chatAccess(c, c.req.valid("param").id, "member");
    const forward = new URL(`https://room/ws`);
    const since = c.req.valid("query").since;
    if (since !== undefined) forward.searchParams.set("since", String(since));
    const headers = new Headers(c.req.raw.headers);
    headers.set(identityHeaders.chat, row.chat.id);
    // Header values are bytes: the profile may hold any script, so it travels URI-encoded.
    headers.set(identityHeaders.user, encodeURIComponent(JSON.stringify(c.var.user)));
    headers.set(identityHeaders.role, row.role!);
    headers.set(identityHeaders.session, c.var.session.id);
    headers.set(identityHeaders.expires, c.var.session.expiresAt);
    return roomStub(c.env, row.chat.id).fetch(new Request(forward, { headers }));
  })
  .get("/events", requireUser, async (c) => {
    requireUpgrade(c.req.raw);
    const headers = new Headers(c.req.raw.headers);
    headers.set(identityHeaders.user, c.var.user.id);
    headers.set(identityHeaders.session, c.var.session.id);
    return inboxStub(c.env, c.var.user.id).fetch(new Request("https://inbox/events", { headers }));
  });
