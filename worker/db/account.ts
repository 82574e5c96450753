// Deleting an account in D1. The user row stays as a tombstone (docs/security.md "Deleting an
// account" says why): its username keeps the unique index, so nobody can register it and pass
// for the person in old conversations, and every id that points at it (chats.created_by,
// links.created_by, direct pairs, the profile copies in rooms) still names a row. Everything
// personal goes: the name, bio, picture key and password hash are overwritten, and sessions,
// push subscriptions, pending invitations and blocks (both ways) are deleted, in one batch.
import { nowIso } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { DELETED_NAME } from "./users.ts";

export interface Tombstoned {
  /** False when the account was already deleted (a repeated request): nothing was changed. */
  deleted: boolean;
  sessionIds: string[];
  /** The picture's R2 key, to delete its bytes. */
  avatarKey: string | null;
  /** Invitations that stopped being pending, to tell their addressees' tabs. */
  invites: { id: string; toId: string }[];
  /** Users who had blocked this account or been blocked by it, whose inboxes keep a copy. */
  blockers: string[];
}

export async function tombstoneUser(db: Db, userId: string): Promise<Tombstoned> {
  const d1 = db.$client;
  const [before, marked, sessions, , invites, blocks] = await d1.batch([
    d1.prepare("SELECT avatar_key AS avatarKey FROM users WHERE id = ?1 AND deleted_at IS NULL").bind(userId),
    // "!" is no PBKDF2 hash: verifyPassword refuses it without deriving anything.
    d1
      .prepare("UPDATE users SET deleted_at = ?2, display_name = ?3, display_name_fold = '', bio = '', avatar_key = NULL, password_hash = '!' WHERE id = ?1 AND deleted_at IS NULL RETURNING id")
      .bind(userId, nowIso(), DELETED_NAME),
    d1.prepare("DELETE FROM sessions WHERE user_id = ?1 RETURNING id").bind(userId),
    d1.prepare("DELETE FROM push_subscriptions WHERE user_id = ?1").bind(userId),
    d1.prepare("DELETE FROM invites WHERE from_id = ?1 OR to_id = ?1 RETURNING id, to_id AS toId").bind(userId),
    d1.prepare("DELETE FROM blocks WHERE blocker_id = ?1 OR blocked_id = ?1 RETURNING blocker_id AS blocker").bind(userId),
  ]);
  const avatarKey = (before?.results[0] as { avatarKey: string | null } | undefined)?.avatarKey ?? null;
  return {
    deleted: (marked?.results.length ?? 0) > 0,
    sessionIds: (sessions?.results ?? []).map((r) => (r as { id: string }).id),
    avatarKey,
    invites: ((invites?.results ?? []) as { id: string; toId: string }[]).filter((i) => i.toId !== userId),
    blockers: [...new Set((blocks?.results ?? []).map((r) => (r as { blocker: string }).blocker).filter((id) => id !== userId))],
  };
}
