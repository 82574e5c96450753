// Chats: create, list, discover, read, change, delete, join, mute; and invites into them
// (docs/api.md "Chats, members, invites").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { hasBlocked } from "../db/blocks.ts";
import { getDb } from "../db/client.ts";
import { discoverChats, findInvite, isMember, listChatsOf } from "../db/chats.ts";
import { findUserByUsername } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { fold } from "../lib/ids.ts";
import { validate } from "../lib/validate.ts";
import { chatAccess } from "../services/chat-access.ts";
import { chatDetail, getChatView, toChats } from "../services/chat-view.ts";
import { changeChat, createGroupChat, muteChat } from "../services/chats.ts";
import { dropInvite, sendInvite } from "../services/invites.ts";
import { limitUser } from "../services/limits.ts";
import { destroyChat, joinPublicChat } from "../services/membership.ts";
import {
  byActivity,
  chatListQuery,
  chatSettingsBody,
  createChatBody,
  discoverQuery,
  idParam,
  inviteBody,
  inviteParam,
  isModerator,
  patchChatBody,
  type ChatDetail,
  type ChatResponse,
  type ChatsResponse,
  type InviteResponse,
} from "#protocol";
import type { AppEnv } from "../types.ts";

export const chatRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/", validate("json", createChatBody), async (c) => {
    await limitUser(c, "chats");
    const chat = await createGroupChat(c.env, c.var.user, c.req.valid("json"));
    return c.json({ chat } satisfies ChatResponse, 201);
  })
  .get("/", validate("query", chatListQuery), async (c) => {
    const q = c.req.valid("query").q?.trim() || undefined;
    let list = await toChats(c.env, await listChatsOf(getDb(c.env), c.var.user.id, q), c.var.user.id);
    // Direct chats are named after the peer, which SQL cannot see: filter them here.
    if (q) list = list.filter((chat) => chat.kind === "group" || fold(chat.name).includes(fold(q)) || chat.peer?.username.includes(fold(q)));
    list.sort(byActivity);
    return c.json({ chats: list } satisfies ChatsResponse, 200);
  })
  .get("/discover", validate("query", discoverQuery), async (c) => {
    const rows = await discoverChats(getDb(c.env), c.var.user.id, c.req.valid("query").q ?? "");
    return c.json({ chats: await toChats(c.env, rows, c.var.user.id) } satisfies ChatsResponse, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "read");
    return c.json((await chatDetail(c.env, row, c.var.user.id)) satisfies ChatDetail, 200);
  })
  .patch("/:id", validate("param", idParam), validate("json", patchChatBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "admin");
    if (row.chat.kind === "direct") throw apiError("forbidden", { message: "A direct chat has no name or visibility to change." });
    await changeChat(c.env, row.chat, c.var.user, c.req.valid("json"));
    return c.json({ chat: await getChatView(c.env, row.chat.id, c.var.user.id) } satisfies ChatResponse, 200);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "owner");
    await destroyChat(c, row.chat.id);
    return c.body(null, 204);
  })
  .post("/:id/join", validate("param", idParam), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "read");
    if (row.role !== null) throw apiError("already_member");
    if (row.chat.visibility !== "public") throw apiError("not_found");
    await limitUser(c, "joins");
    await joinPublicChat(c, row.chat.id, c.var.user);
    return c.json({ chat: await getChatView(c.env, row.chat.id, c.var.user.id) } satisfies ChatResponse, 200);
  })
  .patch("/:id/settings", validate("param", idParam), validate("json", chatSettingsBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "member");
    await muteChat(c, row.chat.id, c.var.user.id, c.req.valid("json").muted);
    return c.json({ chat: await getChatView(c.env, row.chat.id, c.var.user.id) } satisfies ChatResponse, 200);
  })
  .post("/:id/invites", validate("param", idParam), validate("json", inviteBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "member");
    if (row.chat.kind === "direct") throw apiError("forbidden", { message: "Direct chats have two members." });
    await limitUser(c, "invites");
    const db = getDb(c.env);
    const target = await findUserByUsername(db, c.req.valid("json").username);
    if (!target) throw apiError("not_found", { message: "No such user." });
    if (await isMember(db, row.chat.id, target.id)) throw apiError("already_member");
    // Checked after membership, so that the answer tells nothing a member could not see.
    if (await hasBlocked(db, target.id, c.var.user.id)) throw apiError("forbidden", { message: "This person does not accept invitations from you." });
    const invite = await sendInvite(c, row.chat, c.var.user, target);
    return c.json({ invite } satisfies InviteResponse, 201);
  })
  .delete("/:id/invites/:inviteId", validate("param", inviteParam), async (c) => {
    const { id, inviteId } = c.req.valid("param");
    const row = await chatAccess(c, id, "member");
    const invite = await findInvite(getDb(c.env), inviteId);
    if (!invite || invite.chatId !== row.chat.id) throw apiError("not_found");
    if (invite.fromId !== c.var.user.id && !isModerator(row.role)) throw apiError("forbidden");
    await dropInvite(c, invite);
    return c.body(null, 204);
  });
