// Queries over users. Rows become the public `User` object here and nowhere else.
import { eq } from "drizzle-orm";
import type { User } from "#protocol";
import { fold, newId, nowIso } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { users } from "./schema.ts";

export type UserRow = typeof users.$inferSelect;

export function toUser(row: Pick<UserRow, "id" | "username" | "displayName" | "bio" | "avatarKey">): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    bio: row.bio,
    avatarUrl: row.avatarKey ? `/api/users/${row.id}/avatar?v=${encodeURIComponent(row.avatarKey.slice(-8))}` : null,
  };
}

export async function findUserByUsername(db: Db, username: string) {
  return db.select().from(users).where(eq(users.username, username)).get();
}

export async function findUserById(db: Db, id: string) {
  return db.select().from(users).where(eq(users.id, id)).get();
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
  };
  const inserted = await db.insert(users).values(row).onConflictDoNothing({ target: users.username }).returning({ id: users.id });
  return inserted.length ? row : null;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
