// Queries over users. Rows become the public `User` object here and nowhere else.
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { User } from "#protocol";
import { fold, newId, nowIso } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { users } from "./schema.ts";

export type UserRow = typeof users.$inferSelect;

/** What everyone sees of a deleted account (the client shows it in the reader's language). */
export const DELETED_NAME = "Deleted account";

export function toUser(row: Pick<UserRow, "id" | "username" | "displayName" | "bio" | "avatarKey"> & { deletedAt?: string | null }): User {
  if (row.deletedAt) return { id: row.id, username: "", displayName: DELETED_NAME, bio: "", avatarUrl: null, deleted: true };
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    bio: row.bio,
    avatarUrl: row.avatarKey ? `/api/users/${row.id}/avatar?v=${encodeURIComponent(row.avatarKey.slice(-8))}` : null,
  };
}

/** A live account by its username: a deleted one is not found (its name stays taken, but
 * nobody can sign in as it, open a chat with it or invite it). */
export async function findUserByUsername(db: Db, username: string) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.username, username), isNull(users.deletedAt)))
    .get();
}

export async function findUserById(db: Db, id: string) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** Live users whose username or folded display name starts with `q` (already folded), by
 * username, at most 20; not those who blocked `viewerId` (docs/security.md "Blocking"). */
export async function searchUsers(db: Db, q: string, viewerId: string) {
  // SQLite's substr() counts code points, JavaScript's `length` counts UTF-16 units: an emoji
  // is 1 to one and 2 to the other, so count points.
  const chars = [...q].length;
  return db
    .select()
    .from(users)
    .where(
      and(
        or(sql`substr(${users.username}, 1, ${chars}) = ${q}`, sql`substr(${users.displayNameFold}, 1, ${chars}) = ${q}`),
        isNull(users.deletedAt),
        sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = ${users.id} AND b.blocked_id = ${viewerId})`,
      ),
    )
    .orderBy(users.username)
    .limit(20)
    .all();
}

/** Writes the given profile fields (the folded display name with the display name). Returns
 * whether there was anything to write. */
export async function updateProfile(db: Db, userId: string, change: { displayName?: string | undefined; bio?: string | undefined }) {
  const set: Partial<UserRow> = {};
  if (change.displayName !== undefined) Object.assign(set, { displayName: change.displayName, displayNameFold: fold(change.displayName) });
  if (change.bio !== undefined) set.bio = change.bio;
  if (Object.keys(set).length === 0) return false;
  await db.update(users).set(set).where(eq(users.id, userId));
  return true;
}

export async function setAvatarKey(db: Db, userId: string, key: string | null) {
  await db.update(users).set({ avatarKey: key }).where(eq(users.id, userId));
}

/** Inserts a user; returns null when the username is taken (the unique index decides). */
export async function insertUser(db: Db, input: { username: string; displayName: string; passwordHash: string }) {
  const row: UserRow = {
    id: newId(),
    username: input.username,
    displayName: input.displayName,
    displayNameFold: fold(input.displayName),
    bio: "",
    avatarKey: null,
    passwordHash: input.passwordHash,
    createdAt: nowIso(),
    deletedAt: null,
  };
  const inserted = await db.insert(users).values(row).onConflictDoNothing({ target: users.username }).returning({ id: users.id });
  return inserted.length ? row : null;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
