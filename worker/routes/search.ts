// GET /api/search: message text search over the caller's chats (or one chat), newest first,
// a page at a time (docs/api.md "Messages").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { listChatsOf } from "../db/chats.ts";
import { validate } from "../lib/validate.ts";
import { chatAccess } from "../services/chat-access.ts";
import { toChats } from "../services/chat-view.ts";
import { limitUser } from "../services/limits.ts";
import { searchChats } from "../services/search.ts";
import { messageSearchQuery, searchPageMax, type SearchResults } from "#protocol";
import type { AppEnv } from "../types.ts";

export const searchRoutes = new Hono<AppEnv>().use(requireUser).get("/", validate("query", messageSearchQuery), async (c) => {
  const { q, chatId, cursor, limit } = c.req.valid("query");
  // A search without chatId asks every chat of the caller: the costliest read there is.
  await limitUser(c, "searches");
  const rows = chatId ? [await chatAccess(c, chatId, "read")] : await listChatsOf(getDb(c.env), c.var.user.id);
  // Direct chats are shown under the peer's name, as in the chat list.
  const chats = await toChats(c.env, rows, c.var.user.id);
  return c.json((await searchChats(c.env, chats, c.var.user.id, q, limit ?? searchPageMax, cursor)) satisfies SearchResults, 200);
});
