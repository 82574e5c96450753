// Chats: create, list, discover, read, change, delete, join, mute; and invites into them
// (API.md "Chats, members, invites").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { createChat, deleteInvite, discoverChats, findInvite, insertInvite, isMember, listChatsOf, listMembers, updateChat } from "../db/chats.ts";
import { addMember, setMuted } from "../db/members.ts";
import { findUserByUsername, toUser } from "../db/users.ts";
import { chatAccess } from "../lib/chat-access.ts";
import { chatView, toChat, toChats } from "../lib/chat-view.ts";
import { apiError } from "../lib/errors.ts";
import { fold } from "../lib/ids.ts";
import { limitUser } from "../lib/limits.ts";
import { destroyChat } from "../lib/membership.ts";
import { validate } from "../lib/validate.ts";
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
  type Invite,
  type InviteResponse,
} from "#protocol";
import { inboxStub, roomStub } from "../rooms/stubs.ts";
import type { AppEnv } from "../types.ts";

export const chatRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/", validate("json", createChatBody), async (c) => {
    const body = c.req.valid("json");
    await limitUser(c, "chats");
    const chat = await createChat(getDb(c.env), { name: body.name, visibility: body.visibility ?? "private", ownerId: c.var.user.id });
    await roomStub(c.env, chat.id).memberJoined(chat.id, c.var.user, false);
    const view = await toChat(c.env, { chat, role: "owner", muted: false, memberCount: 1 }, c.var.user.id);
    return c.json({ chat: view } satisfies ChatResponse, 201);
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
    const [[chat], members, reads] = await Promise.all([
      toChats(c.env, [row], c.var.user.id),
      listMembers(getDb(c.env), row.chat.id),
      roomStub(c.env, row.chat.id).readMarks(row.chat.id),
    ]);
    const list = members.map((m) => ({ user: toUser(m.user), role: m.role, joinedAt: m.joinedAt, lastReadSeq: reads[m.user.id] ?? 0 }));
    return c.json({ chat: chat!, members: list } satisfies ChatDetail, 200);
  })
  .patch("/:id", validate("param", idParam), validate("json", patchChatBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "admin");
    if (row.chat.kind === "direct") throw apiError("forbidden", { message: "A direct chat has no name or visibility to change." });
    const body = c.req.valid("json");
    // Renaming to the same name is no rename: no system message.
    const name = body.name !== undefined && body.name !== row.chat.name ? body.name : undefined;
    await updateChat(getDb(c.env), row.chat.id, { name, visibility: body.visibility });
    const room = roomStub(c.env, row.chat.id);
    if (name) await room.renamed(row.chat.id, c.var.user, name);
    else await room.touched(row.chat.id);
    return c.json({ chat: (await chatView(c.env, row.chat.id, c.var.user.id))! } satisfies ChatResponse, 200);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "owner");
    await destroyChat(c.env, row.chat.id);
    return c.body(null, 204);
  })
  .post("/:id/join", validate("param", idParam), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "read");
    if (row.role !== null) throw apiError("already_member");
    if (row.chat.visibility !== "public") throw apiError("not_found");
    await limitUser(c, "joins");
    if (await addMember(getDb(c.env), row.chat.id, c.var.user.id)) await roomStub(c.env, row.chat.id).memberJoined(row.chat.id, c.var.user, true);
    return c.json({ chat: (await chatView(c.env, row.chat.id, c.var.user.id))! } satisfies ChatResponse, 200);
  })
  .patch("/:id/settings", validate("param", idParam), validate("json", chatSettingsBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "member");
    await setMuted(getDb(c.env), row.chat.id, c.var.user.id, c.req.valid("json").muted);
    return c.json({ chat: (await chatView(c.env, row.chat.id, c.var.user.id))! } satisfies ChatResponse, 200);
  })
  .post("/:id/invites", validate("param", idParam), validate("json", inviteBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "member");
    if (row.chat.kind === "direct") throw apiError("forbidden", { message: "Direct chats have two members." });
    await limitUser(c, "invites");
    const db = getDb(c.env);
    const target = await findUserByUsername(db, c.req.valid("json").username);
    if (!target) throw apiError("not_found", { message: "No such user." });
    if (await isMember(db, row.chat.id, target.id)) throw apiError("already_member");
    const inserted = await insertInvite(db, row.chat.id, c.var.user.id, target.id);
    if (!inserted) throw apiError("already_invited");
    const invite: Invite = {
      id: inserted.id,
      chat: { id: row.chat.id, name: row.chat.name },
      from: c.var.user,
      to: toUser(target),
      createdAt: inserted.createdAt,
    };
    c.executionCtx.waitUntil(inboxStub(c.env, target.id).notify({ type: "invite", invite }));
    return c.json({ invite } satisfies InviteResponse, 201);
  })
  .delete("/:id/invites/:inviteId", validate("param", inviteParam), async (c) => {
    const { id, inviteId } = c.req.valid("param");
    const row = await chatAccess(c, id, "member");
    const db = getDb(c.env);
    const invite = await findInvite(db, inviteId);
    if (!invite || invite.chatId !== row.chat.id) throw apiError("not_found");
    if (invite.fromId !== c.var.user.id && !isModerator(row.role)) throw apiError("forbidden");
    if (await deleteInvite(db, invite.id)) {
      c.executionCtx.waitUntil(inboxStub(c.env, invite.toId).notify({ type: "invite_removed", id: invite.id }));
    }
    return c.body(null, 204);
  });
