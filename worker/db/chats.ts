// Queries over chats, memberships and invites in D1.
import { and, asc, count, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { fold, newId, nowIso } from "../lib/ids.ts";
import type { Role } from "#protocol";
import type { Db } from "./client.ts";
import { bumpIfChanged, versionOf, type Version } from "./members.ts";
import { chats, invites, members, users } from "./schema.ts";

export type ChatRow = typeof chats.$inferSelect;
export type Membership = { role: Role; muted: boolean; joinedAt: string };

const memberCount = sql<number>`(SELECT count(*) FROM members m2 WHERE m2.chat_id = ${chats.id})`.as("member_count");

export async function createChat(db: Db, input: { name: string; visibility: ChatRow["visibility"]; ownerId: string }) {
  const now = nowIso();
  const chat: ChatRow = {
    id: newId(),
    kind: "group",
    name: input.name,
    nameFold: fold(input.name),
    visibility: input.visibility,
    createdBy: input.ownerId,
    createdAt: now,
    // The owner's joining is the roster's first change.
    rosterVersion: 1,
  };
  await db.batch([
    db.insert(chats).values(chat),
    db.insert(members).values({ chatId: chat.id, userId: input.ownerId, role: "owner", muted: false, joinedAt: now }),
  ]);
  return chat;
}

/** The caller's chats, optionally filtered by a folded substring of the name. */
export async function listChatsOf(db: Db, userId: string, q?: string) {
  // Direct chats are named after the peer; the route filters those itself.
  const filter = q ? sql`(${chats.kind} = 'direct' OR instr(${chats.nameFold}, ${fold(q)}) > 0)` : undefined;
  return db
    .select({ chat: chats, role: members.role, muted: members.muted, joinedAt: members.joinedAt, memberCount })
    .from(members)
    .innerJoin(chats, eq(chats.id, members.chatId))
    .where(and(eq(members.userId, userId), filter))
    .all();
}

/** Public group chats whose folded name contains `q` (every one when `q` is empty), by name,
 * at most 50, each with the caller's membership if any. */
export async function discoverChats(db: Db, userId: string, q: string) {
  const folded = fold(q);
  return db
    .select({ chat: chats, role: members.role, muted: members.muted, memberCount })
    .from(chats)
    .leftJoin(members, and(eq(members.chatId, chats.id), eq(members.userId, userId)))
    .where(and(eq(chats.visibility, "public"), eq(chats.kind, "group"), folded ? sql`instr(${chats.nameFold}, ${folded}) > 0` : undefined))
    .orderBy(chats.nameFold)
    .limit(50)
    .all();
}

/** Writes the given fields of a group chat (the folded name with the name); nothing if none. */
export async function updateChat(db: Db, chatId: string, change: { name?: string | undefined; visibility?: ChatRow["visibility"] | undefined }) {
  const set: Partial<ChatRow> = {};
  if (change.name !== undefined) Object.assign(set, { name: change.name, nameFold: fold(change.name) });
  if (change.visibility !== undefined) set.visibility = change.visibility;
  if (Object.keys(set).length) await db.update(chats).set(set).where(eq(chats.id, chatId));
}

/** A chat with the caller's membership (null when not a member), or undefined if none. */
export async function findChatFor(db: Db, chatId: string, userId: string) {
  return db
    .select({ chat: chats, role: members.role, muted: members.muted, joinedAt: members.joinedAt, memberCount })
    .from(chats)
    .leftJoin(members, and(eq(members.chatId, chats.id), eq(members.userId, userId)))
    .where(eq(chats.id, chatId))
    .get();
}

/** The chat and the caller's membership, without the member count (which costs a count over
 * the chat's members): for checks that only need to know who the caller is in the chat. */
export async function findMembership(db: Db, chatId: string, userId: string) {
  return db
    .select({ chat: chats, role: members.role, muted: members.muted })
    .from(chats)
    .leftJoin(members, and(eq(members.chatId, chats.id), eq(members.userId, userId)))
    .where(eq(chats.id, chatId))
    .get();
}

export async function listMembers(db: Db, chatId: string) {
  return db
    .select({ user: users, role: members.role, joinedAt: members.joinedAt })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.chatId, chatId))
    .orderBy(asc(members.joinedAt))
    .all();
}

export async function isMember(db: Db, chatId: string, userId: string) {
  const row = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.chatId, chatId), eq(members.userId, userId)))
    .get();
  return (row?.n ?? 0) > 0;
}

// ---- invites ---------------------------------------------------------------------------

export type InviteRow = typeof invites.$inferSelect;

/** Inserts an invite, only while its sender is a member and its addressee is not (so an
 * invitation racing its sender's removal, or the addressee's join, is not left behind); null
 * when it was not inserted (also when one is already pending for that user in that chat). */
export async function insertInvite(db: Db, chatId: string, fromId: string, toId: string) {
  const row: InviteRow = { id: newId(), chatId, fromId, toId, createdAt: nowIso() };
  const inserted = await db.$client
    .prepare(
      `INSERT INTO invites (id, chat_id, from_id, to_id, created_at) SELECT ?1, ?2, ?3, ?4, ?5
       WHERE EXISTS (SELECT 1 FROM members WHERE chat_id = ?2 AND user_id = ?3)
       AND NOT EXISTS (SELECT 1 FROM members WHERE chat_id = ?2 AND user_id = ?4)
       ON CONFLICT DO NOTHING RETURNING id`,
    )
    .bind(row.id, chatId, fromId, toId, row.createdAt)
    .all();
  return inserted.results.length ? row : null;
}

export async function findInvite(db: Db, id: string) {
  return db.select().from(invites).where(eq(invites.id, id)).get();
}

/** Pending invites to a user, with everything the Invite object shows. */
export async function invitesTo(db: Db, userId: string) {
  const from = alias(users, "from_user");
  const to = alias(users, "to_user");
  return db
    .select({ invite: invites, chatName: chats.name, from, to })
    .from(invites)
    .innerJoin(chats, eq(chats.id, invites.chatId))
    .innerJoin(from, eq(from.id, invites.fromId))
    .innerJoin(to, eq(to.id, invites.toId))
    .where(eq(invites.toId, userId))
    .orderBy(asc(invites.createdAt))
    .all();
}

export async function deleteInvite(db: Db, id: string) {
  const deleted = await db.delete(invites).where(eq(invites.id, id)).returning({ id: invites.id });
  return deleted.length > 0;
}

/**
 * Accepting an invite: the membership, the roster version and the invite's removal happen
 * together. `accepted` is false if the invite was already gone (withdrawn, or a second tab
 * accepting at once); `version` is null when the invitee was already a member (the invite is
 * used up all the same), so nobody is recorded as joining twice.
 */
export async function acceptInvite(db: Db, invite: InviteRow): Promise<{ accepted: boolean; version: Version }> {
  // One transaction (a D1 batch): the member row is written only while the invite exists,
  // so a withdrawn invite admits nobody and a double accept admits once.
  const d1 = db.$client;
  const [, bumped, deleted] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO members (chat_id, user_id, role, muted, joined_at)
         SELECT ?1, ?2, 'member', 0, ?3 WHERE EXISTS (SELECT 1 FROM invites WHERE id = ?4)
         ON CONFLICT DO NOTHING`,
      )
      .bind(invite.chatId, invite.toId, nowIso(), invite.id),
    bumpIfChanged(d1, invite.chatId),
    d1.prepare("DELETE FROM invites WHERE id = ?1 RETURNING id").bind(invite.id),
  ]);
  return { accepted: (deleted?.results.length ?? 0) > 0, version: versionOf(bumped) };
}
