// GET /api/search: message text search over the caller's chats (or one chat), newest first.
// Each chat's Durable Object searches its own history; the Worker merges the results.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { listChatsOf } from "../db/chats.ts";
import { chatAccess } from "../lib/chat-access.ts";
import { toChats } from "../lib/chat-view.ts";
import { limitUser } from "../lib/limits.ts";
import { validate } from "../lib/validate.ts";
import { roomStub } from "../rooms/stubs.ts";
import { messageSearchQuery, type Message, type SearchResults } from "#protocol";
import type { AppEnv } from "../types.ts";

const LIMIT = 50;

export const searchRoutes = new Hono<AppEnv>().use(requireUser).get("/", validate("query", messageSearchQuery), async (c) => {
  const { q, chatId } = c.req.valid("query");
  // A search without chatId asks every chat of the caller: the costliest read there is.
  await limitUser(c, "searches");
  const rows = chatId ? [await chatAccess(c, chatId, "read")] : await listChatsOf(getDb(c.env), c.var.user.id);
  // Direct chats are shown under the peer's name, as in the chat list.
  const chats = await toChats(c.env, rows, c.var.user.id);
  const found = await Promise.all(
    chats.map(async (chat) => {
      const messages = await roomStub(c.env, chat.id).search(chat.id, c.var.user.id, q, LIMIT);
      return messages.map((message: Message) => ({ chat: { id: chat.id, name: chat.name }, message }));
    }),
  );
  const results = found
    .flat()
    .sort((a, b) => b.message.createdAt.localeCompare(a.message.createdAt))
    .slice(0, LIMIT);
  return c.json({ results } satisfies SearchResults, 200);
});
