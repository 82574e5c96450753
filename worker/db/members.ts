// Membership changes in D1: roles, ownership, leaving, and deleting a chat.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { nowIso } from "../lib/ids.ts";
import type { Role } from "#protocol";
import type { Db } from "./client.ts";
import { chats, members, users } from "./schema.ts";

export async function findMember(db: Db, chatId: string, userId: string) {
  return db
    .select({ user: users, role: members.role })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.chatId, chatId), eq(members.userId, userId)))
    .get();
}

export async function memberIds(db: Db, chatId: string) {
  const rows = await db.select({ id: members.userId }).from(members).where(eq(members.chatId, chatId)).all();
  return rows.map((r) => r.id);
}

export async function addMember(db: Db, chatId: string, userId: string, role: Role = "member") {
  const inserted = await db
    .insert(members)
    .values({ chatId, userId, role, muted: false, joinedAt: nowIso() })
    .onConflictDoNothing()
    .returning({ userId: members.userId });
  return inserted.length > 0;
}

export async function setRole(db: Db, chatId: string, userId: string, role: Exclude<Role, "owner">) {
  await db.update(members).set({ role }).where(and(eq(members.chatId, chatId), eq(members.userId, userId)));
}

/** Both rows change in one transaction: a chat never has zero or two owners. */
export async function transferOwnership(db: Db, chatId: string, fromId: string, toId: string) {
  await db.batch([
    db.update(members).set({ role: "admin" }).where(and(eq(members.chatId, chatId), eq(members.userId, fromId))),
    db.update(members).set({ role: "owner" }).where(and(eq(members.chatId, chatId), eq(members.userId, toId))),
  ]);
}

export async function removeMember(db: Db, chatId: string, userId: string) {
  await db.delete(members).where(and(eq(members.chatId, chatId), eq(members.userId, userId)));
}

export async function otherMemberCount(db: Db, chatId: string, userId: string) {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(members)
    .where(and(eq(members.chatId, chatId), ne(members.userId, userId)))
    .get();
  return row?.n ?? 0;
}

/** Deletes the chat row; members, invites, links and the direct pair go with it (cascade). */
export async function deleteChat(db: Db, chatId: string) {
  await db.delete(chats).where(eq(chats.id, chatId));
}

export async function setMuted(db: Db, chatId: string, userId: string, muted: boolean) {
  await db.update(members).set({ muted }).where(and(eq(members.chatId, chatId), eq(members.userId, userId)));
}

/** For direct chats: the other member of each chat, as a user row. */
export async function peersOf(db: Db, chatIds: string[], userId: string) {
  if (chatIds.length === 0) return new Map<string, typeof users.$inferSelect>();
  const rows = await db
    .select({ chatId: members.chatId, user: users })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(inArray(members.chatId, chatIds), ne(members.userId, userId)))
    .all();
  return new Map(rows.map((r) => [r.chatId, r.user]));
}
