// Chats and invites into them (API.md "Chats, members, invites").
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { createChat, deleteInvite, findInvite, insertInvite, isMember, listChatsOf, listMembers } from "../db/chats.ts";
import { findUserByUsername, toUser } from "../db/users.ts";
import { chatAccess } from "../lib/chat-access.ts";
import { activityOf, toChat } from "../lib/chat-view.ts";
import { apiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { chatListQuery, createChatBody, inviteBody, type Invite } from "../protocol/index.ts";
import { inboxStub, roomStub } from "../rooms/stubs.ts";
import type { AppEnv } from "../types.ts";

const idParam = z.object({ id: z.string().min(1).max(64) });

export const chatRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/", validate("json", createChatBody), async (c) => {
    const body = c.req.valid("json");
    const chat = await createChat(getDb(c.env), { name: body.name, visibility: body.visibility ?? "private", ownerId: c.var.user.id });
    await roomStub(c.env, chat.id).memberJoined(chat.id, c.var.user, false);
    const view = await toChat(c.env, { chat, role: "owner", muted: false, memberCount: 1 }, c.var.user.id);
    return c.json({ chat: view }, 201);
  })
  .get("/", validate("query", chatListQuery), async (c) => {
    const rows = await listChatsOf(getDb(c.env), c.var.user.id, c.req.valid("query").q?.trim() || undefined);
    const list = await Promise.all(rows.map((r) => toChat(c.env, r, c.var.user.id)));
    list.sort((a, b) => activityOf(b).localeCompare(activityOf(a)) || b.id.localeCompare(a.id));
    return c.json({ chats: list }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "read");
    const [chat, members] = await Promise.all([toChat(c.env, row, c.var.user.id), listMembers(getDb(c.env), row.chat.id)]);
    return c.json({ chat, members: members.map((m) => ({ user: toUser(m.user), role: m.role, joinedAt: m.joinedAt })) }, 200);
  })
  .post("/:id/invites", validate("param", idParam), validate("json", inviteBody), async (c) => {
    const row = await chatAccess(c, c.req.valid("param").id, "member");
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
    return c.json({ invite }, 201);
  })
  .delete("/:id/invites/:inviteId", validate("param", idParam.extend({ inviteId: z.string().min(1).max(64) })), async (c) => {
    const { id, inviteId } = c.req.valid("param");
    const row = await chatAccess(c, id, "member");
    const db = getDb(c.env);
    const invite = await findInvite(db, inviteId);
    if (!invite || invite.chatId !== row.chat.id) throw apiError("not_found");
    const moderator = row.role === "owner" || row.role === "admin";
    if (invite.fromId !== c.var.user.id && !moderator) throw apiError("forbidden");
    if (await deleteInvite(db, invite.id)) {
      c.executionCtx.waitUntil(inboxStub(c.env, invite.toId).notify({ type: "invite_removed", id: invite.id }));
    }
    return c.body(null, 204);
  });
