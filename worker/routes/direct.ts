// Direct chats: POST /api/direct {username} opens the one chat of the pair.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { findDirect, getOrCreateDirect } from "../db/direct.ts";
import { findUserByUsername, toUser } from "../db/users.ts";
import { chatView } from "../lib/chat-view.ts";
import { apiError } from "../lib/errors.ts";
import { limitUser } from "../lib/limits.ts";
import { validate } from "../lib/validate.ts";
import { directBody, type ChatResponse } from "#protocol";
import { inboxStub, roomStub } from "../rooms/stubs.ts";
import type { AppEnv } from "../types.ts";

export const directRoutes = new Hono<AppEnv>().use(requireUser).post("/", validate("json", directBody), async (c) => {
  const db = getDb(c.env);
  const peer = await findUserByUsername(db, c.req.valid("json").username);
  if (!peer) throw apiError("not_found", { message: "No such user." });
  if (peer.id === c.var.user.id) throw apiError("invalid_request", { message: "A direct chat needs someone else." });
  const existing = await findDirect(db, c.var.user.id, peer.id);
  // Opening an existing conversation is free; starting a new one counts like creating a chat.
  if (!existing) await limitUser(c, "chats");
  const { chatId, created } = await getOrCreateDirect(db, c.var.user.id, peer.id);
  if (created) {
    const room = roomStub(c.env, chatId);
    await room.memberJoined(chatId, c.var.user, false);
    await room.memberJoined(chatId, toUser(peer), false);
    // The peer's open tabs learn of the new conversation now, not at its first message.
    c.executionCtx.waitUntil(inboxStub(c.env, peer.id).chatChanged(chatId, peer.id));
  }
  return c.json({ chat: (await chatView(c.env, chatId, c.var.user.id))! } satisfies ChatResponse, created ? 201 : 200);
});
