// Membership changes in D1: joins, roles, ownership, leaving, removal, and deleting a chat.
//
// Every change is one D1 batch (one transaction) that
// - writes only while the state is still what the request's access check saw (the actor still
//   holds the role that allowed it, the target still has the role it was checked with), so
//   two requests that both passed their checks cannot both write: two simultaneous ownership
//   transfers, or a transfer and the removal of its target, leave exactly one owner;
// - bumps the chat's roster version when, and only when, the membership changed
//   (`changes() > 0` after the write), and returns it: the room takes a notice only if its
//   version is newer than what it has, so notices that arrive out of order cannot undo a
//   later change (docs/architecture.md "Membership inside the room").
// A change that did not happen returns null; the workflow (services/membership.ts) decides
// what to answer.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { mayRemove, type Role } from "#protocol";
import { nowIso } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { chats, members, users } from "./schema.ts";

/** The roster version after a change, or null if nothing changed. */
export type Version = number | null;

/** Bumps the roster version if the statement before it changed a row. */
export const bumpIfChanged = (d1: D1Database, chatId: string) =>
  d1.prepare("UPDATE chats SET roster_version = roster_version + 1 WHERE id = ? AND changes() > 0 RETURNING roster_version AS v").bind(chatId);

/** The version a bump returned, from its place in a batch's results. */
export const versionOf = (result: D1Result | undefined): Version => (result?.results[0] as { v: number } | undefined)?.v ?? null;

const roles: Role[] = ["owner", "admin", "member"];

/** `mayRemove` (protocol/rules.ts) as SQL over the actor's and the target's current rows. The
 * role names are the protocol's own constants, not input. */
const mayRemoveNow = `EXISTS (SELECT 1 FROM members a WHERE a.chat_id = ?1 AND a.user_id = ?3 AND (${roles
  .map((actor) => {
    const targets = roles.filter((t) => mayRemove(actor, t));
    return targets.length ? `(a.role = '${actor}' AND members.role IN (${targets.map((t) => `'${t}'`).join(", ")}))` : null;
  })
  .filter(Boolean)
  .join(" OR ")}))`;

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

/** Joining a public chat. Pending invites to the joiner are withdrawn with it (their ids are
 * returned, to tell the joiner's tabs). */
export async function addMember(db: Db, chatId: string, userId: string): Promise<{ version: Version; withdrawn: string[] }> {
  const d1 = db.$client;
  const [, bumped, withdrawn] = await d1.batch([
    d1.prepare("INSERT INTO members (chat_id, user_id, role, muted, joined_at) VALUES (?, ?, 'member', 0, ?) ON CONFLICT DO NOTHING").bind(chatId, userId, nowIso()),
    bumpIfChanged(d1, chatId),
    d1.prepare("DELETE FROM invites WHERE chat_id = ? AND to_id = ? RETURNING id").bind(chatId, userId),
  ]);
  return { version: versionOf(bumped), withdrawn: (withdrawn?.results ?? []).map((r) => (r as { id: string }).id) };
}

/** The owner makes a member an admin or a plain member: only while the actor is still the
 * owner and the target is still a member who is not the owner. */
export async function setRole(db: Db, chatId: string, actorId: string, userId: string, role: Exclude<Role, "owner">): Promise<Version> {
  const d1 = db.$client;
  const [, bumped] = await d1.batch([
    d1
      .prepare(
        `UPDATE members SET role = ?4 WHERE chat_id = ?1 AND user_id = ?2 AND role NOT IN ('owner', ?4)
         AND EXISTS (SELECT 1 FROM members o WHERE o.chat_id = ?1 AND o.user_id = ?3 AND o.role = 'owner')`,
      )
      .bind(chatId, userId, actorId, role),
    bumpIfChanged(d1, chatId),
  ]);
  return versionOf(bumped);
}

/** The owner hands the chat to `toId` and becomes an admin, in one transaction, only while
 * `fromId` is still the owner and `toId` still a member: a chat never has zero or two owners. */
export async function transferOwnership(db: Db, chatId: string, fromId: string, toId: string): Promise<Version> {
  const d1 = db.$client;
  const [, , bumped] = await d1.batch([
    d1
      .prepare(
        `UPDATE members SET role = 'owner' WHERE chat_id = ?1 AND user_id = ?3 AND role != 'owner'
         AND EXISTS (SELECT 1 FROM members o WHERE o.chat_id = ?1 AND o.user_id = ?2 AND o.role = 'owner')`,
      )
      .bind(chatId, fromId, toId),
    d1.prepare("UPDATE members SET role = 'admin' WHERE chat_id = ?1 AND user_id = ?2 AND role = 'owner' AND changes() = 1").bind(chatId, fromId),
    bumpIfChanged(d1, chatId),
  ]);
  return versionOf(bumped);
}

/**
 * `userId` leaves (actor = userId) or is removed by `actorId`: only while that is still
 * allowed by the roles as they are now (the owner never leaves this way; removal follows
 * `mayRemove`). With the membership go the invitations the person had pending in the chat,
 * sent by them or to them: a removed member's invitations admit nobody. Returns the new version
 * and the withdrawn invites (to tell each invitee's tabs).
 */
export async function removeMember(db: Db, chatId: string, userId: string, actorId: string): Promise<{ version: Version; withdrawn: { id: string; toId: string }[] }> {
  const d1 = db.$client;
  const remove =
    userId === actorId
      ? d1.prepare("DELETE FROM members WHERE chat_id = ?1 AND user_id = ?2 AND role != 'owner'").bind(chatId, userId)
      : d1.prepare(`DELETE FROM members WHERE chat_id = ?1 AND user_id = ?2 AND ${mayRemoveNow}`).bind(chatId, userId, actorId);
  const [, bumped, withdrawn] = await d1.batch([
    remove,
    bumpIfChanged(d1, chatId),
    d1.prepare("DELETE FROM invites WHERE chat_id = ? AND (to_id = ? OR from_id = ?) AND changes() > 0 RETURNING id, to_id AS toId").bind(chatId, userId, userId),
  ]);
  return { version: versionOf(bumped), withdrawn: (withdrawn?.results ?? []) as { id: string; toId: string }[] };
}

export async function otherMemberCount(db: Db, chatId: string, userId: string) {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(members)
    .where(and(eq(members.chatId, chatId), ne(members.userId, userId)))
    .get();
  return row?.n ?? 0;
}

/** Deletes the chat row; members, invites, links and the direct pair go with it (cascade).
 * Deleting a chat that is already gone changes nothing, so a retry is safe. */
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

/** Everyone who shares at least one chat with `userId`, and the user themselves: who is told
 * when their profile changes. */
export async function coMemberIds(db: Db, userId: string): Promise<string[]> {
  const mine = db.select({ chatId: members.chatId }).from(members).where(eq(members.userId, userId));
  const rows = await db.selectDistinct({ id: members.userId }).from(members).where(inArray(members.chatId, mine)).all();
  const ids = new Set(rows.map((r) => r.id));
  ids.add(userId);
  return [...ids];
}
