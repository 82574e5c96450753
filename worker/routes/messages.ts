// History, the HTTP send path and a message's details (who reacted, who has read it)
// (docs/api.md "Messages"), through the chat's room (services/messages.ts).
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { validate } from "../lib/validate.ts";
import { chatAccess } from "../services/chat-access.ts";
import { deleteMessage, editMessage, historyPage, markRead, postMessage, react, reactors, readers } from "../services/messages.ts";
import {
  editMessageBody,
  historyQuery,
  idParam,
  messageParam,
  reactionParam,
  readBody,
  sendMessageBody,
  type HistoryPage,
  type MessageResponse,
  type ReactorsResponse,
  type ReadersResponse,
} from "#protocol";
import type { AppEnv } from "../types.ts";

export const messageRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:id/messages", validate("param", idParam), validate("query", historyQuery), async (c) => {
    const { chat } = await chatAccess(c, c.req.valid("param").id, "read");
    return c.json((await historyPage(c.env, chat.id, c.var.user.id, c.req.valid("query"))) satisfies HistoryPage, 200);
  })
  .post("/:id/messages", validate("param", idParam), validate("json", sendMessageBody), async (c) => {
    const { chat } = await chatAccess(c, c.req.valid("param").id, "member");
    const { message, created } = await postMessage(c.env, chat.id, c.var.user, c.req.valid("json"));
    return c.json({ message } satisfies MessageResponse, created ? 201 : 200);
  })
  .patch("/:id/messages/:seq", validate("param", messageParam), validate("json", editMessageBody), async (c) => {
    const { id, seq } = c.req.valid("param");
    const { chat } = await chatAccess(c, id, "member");
    const message = await editMessage(c.env, chat.id, c.var.user, seq, c.req.valid("json").body);
    return c.json({ message } satisfies MessageResponse, 200);
  })
  .delete("/:id/messages/:seq", validate("param", messageParam), async (c) => {
    const { id, seq } = c.req.valid("param");
    const row = await chatAccess(c, id, "member");
    await deleteMessage(c.env, row.chat.id, c.var.user, row.role, seq);
    return c.body(null, 204);
  })
  .get("/:id/messages/:seq/reactions", validate("param", messageParam), async (c) => {
    const { id, seq } = c.req.valid("param");
    const { chat } = await chatAccess(c, id, "read");
    return c.json({ reactions: await reactors(c.env, chat.id, seq) } satisfies ReactorsResponse, 200);
  })
  .get("/:id/messages/:seq/readers", validate("param", messageParam), async (c) => {
    const { id, seq } = c.req.valid("param");
    const { chat } = await chatAccess(c, id, "member");
    return c.json({ readers: await readers(c.env, chat.id, c.var.user.id, seq) } satisfies ReadersResponse, 200);
  })
  .put("/:id/messages/:seq/reactions/:emoji", validate("param", reactionParam), async (c) => {
    const { id, seq, emoji } = c.req.valid("param");
    const { chat } = await chatAccess(c, id, "member");
    await react(c.env, chat.id, c.var.user, seq, emoji, true);
    return c.body(null, 204);
  })
  .delete("/:id/messages/:seq/reactions/:emoji", validate("param", reactionParam), async (c) => {
    const { id, seq, emoji } = c.req.valid("param");
    const { chat } = await chatAccess(c, id, "member");
    await react(c.env, chat.id, c.var.user, seq, emoji, false);
    return c.body(null, 204);
  })
  .post("/:id/read", validate("param", idParam), validate("json", readBody), async (c) => {
    const { chat } = await chatAccess(c, c.req.valid("param").id, "member");
    await markRead(c.env, chat.id, c.var.user.id, c.req.valid("json").seq);
    return c.body(null, 204);
  });
