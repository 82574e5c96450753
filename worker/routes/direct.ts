// Direct chats: POST /api/direct {username} opens the one chat of the pair.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { eitherBlocked } from "../db/blocks.ts";
import { findDirect } from "../db/direct.ts";
import { findUserByUsername } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { getChatView } from "../services/chat-view.ts";
import { openDirectChat } from "../services/chats.ts";
import { limitUser } from "../services/limits.ts";
import { directBody, type ChatResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const directRoutes = new Hono<AppEnv>().use(requireUser).post("/", validate("json", directBody), async (c) => {
  const db = getDb(c.env);
  const peer = await findUserByUsername(db, c.req.valid("json").username);
  if (!peer) throw apiError("not_found", { message: "No such user." });
  if (peer.id === c.var.user.id) throw apiError("invalid_request", { message: "A direct chat needs someone else." });
  // Opening an existing conversation is free (while a block stands it is read-only); starting
  // a new one counts like creating a chat, and is refused while either blocked the other.
  if (!(await findDirect(db, c.var.user.id, peer.id))) {
    if (await eitherBlocked(db, c.var.user.id, peer.id)) throw apiError("forbidden", { message: "You cannot start a conversation with this person." });
    await limitUser(c, "chats");
  }
  const { chatId, created } = await openDirectChat(c, c.var.user, peer);
  return c.json({ chat: await getChatView(c.env, chatId, c.var.user.id) } satisfies ChatResponse, created ? 201 : 200);
});
