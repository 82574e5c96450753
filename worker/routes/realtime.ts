// WebSocket upgrades. The Worker authenticates and authorizes (session, Origin, membership)
// before anything reaches a Durable Object; a refused upgrade is an ordinary HTTP error.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { memberAccess } from "../services/chat-access.ts";
import { openChatSocket, openInboxSocket } from "../services/sockets.ts";
import { idParam, socketQuery } from "#protocol";
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
    const row = await memberAccess(c, c.req.valid("param").id);
    const who = { user: c.var.user, role: row.role, rosterVersion: row.chat.rosterVersion, session: c.var.session };
    return openChatSocket(c.env, c.req.raw, row.chat.id, who, c.req.valid("query"));
  })
  .get("/events", requireUser, async (c) => {
    requireUpgrade(c.req.raw);
    return openInboxSocket(c.env, c.req.raw, c.var.user.id, c.var.session);
  });
