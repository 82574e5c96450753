// The room's own copy of its roster: who is a member, with which role, and each member's read
// mark. D1 has the authoritative list (services/membership.ts writes it first) and numbers
// every change of it (`chats.roster_version`); every notice and every upgrade the Worker sends
// carries the version its D1 write or check returned. An entry changes only for a version at
// least as new as its own (equal versions describe the same state), so a notice or an upgrade
// that was overtaken on its way cannot undo a later change: a removal checked before a rejoin,
// or an upgrade checked before a removal, finds the room knowing better. That is what lets the
// room refuse a socket by itself.
//
// A member who leaves keeps their row with role NULL: the row remembers at which version they
// stopped being a member. Read marks move only for current members, so a late `read` from
// someone removed writes nothing.
//
// Rows are read on first use per user and cached: a socket's role is looked up on every
// frame, and the cache is rebuilt from SQLite after an eviction.
import type { Role } from "#protocol";

export interface Entry {
  /** null: not a member (left or removed) as of `version`. */
  role: Role | null;
  version: number;
  readSeq: number;
}

type Row = { user_id: string; role: Role | null; version: number; read_seq: number };

export class Roster {
  #entries = new Map<string, Entry | null>();
  #ids: string[] | null = null;

  /** `legacyRoles`: the roles that open sockets carry, for rooms that still have the old
   * unversioned `members` table (see #migrate). */
  constructor(private sql: SqlStorage, legacyRoles: () => Map<string, Role>) {
    sql.exec("CREATE TABLE IF NOT EXISTS roster (user_id TEXT PRIMARY KEY, role TEXT, version INTEGER NOT NULL, read_seq INTEGER NOT NULL DEFAULT 0);");
    this.#migrate(legacyRoles);
  }

  /**
   * Rooms made before the roster was versioned kept `members (user_id, read_seq)`, upserted by
   * any read. Its rows become members at version 0 with their read marks; the role is the one
   * an open socket of theirs carries, else `member` (the least). Any upgrade or notice from D1
   * (version 0 or later) then sets the real role.
   */
  #migrate(legacyRoles: () => Map<string, Role>) {
    if (this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'members'").toArray().length === 0) return;
    const roles = legacyRoles();
    for (const r of this.sql.exec<{ user_id: string; read_seq: number }>("SELECT user_id, read_seq FROM members")) {
      this.sql.exec(
        "INSERT INTO roster (user_id, role, version, read_seq) VALUES (?, ?, 0, ?) ON CONFLICT (user_id) DO NOTHING",
        r.user_id,
        roles.get(r.user_id) ?? "member",
        r.read_seq,
      );
    }
    this.sql.exec("DROP TABLE members");
  }

  get(userId: string): Entry | null {
    if (!this.#entries.has(userId)) {
      const row = this.sql.exec<Row>("SELECT * FROM roster WHERE user_id = ?", userId).toArray()[0];
      this.#entries.set(userId, row ? { role: row.role, version: row.version, readSeq: row.read_seq } : null);
    }
    return this.#entries.get(userId) ?? null;
  }

  /** The member's role, or null for someone who is not (or no longer) a member. */
  role(userId: string): Role | null {
    return this.get(userId)?.role ?? null;
  }

  /**
   * D1 says `userId` has `role` (null: not a member) as of `version`. Applied unless the entry
   * is newer; returns whether it was. `readFrom`: a joining member has read everything up to
   * there (a returning one keeps a later mark).
   */
  apply(userId: string, role: Role | null, version: number, readFrom = 0): boolean {
    const entry = this.get(userId);
    if (entry && entry.version > version) return false;
    const readSeq = Math.max(entry?.readSeq ?? 0, readFrom);
    // Most upgrades repeat what the room knows: no write for those.
    if (entry && entry.version === version && entry.role === role && entry.readSeq === readSeq) return true;
    this.sql.exec(
      `INSERT INTO roster (user_id, role, version, read_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET role = excluded.role, version = excluded.version, read_seq = excluded.read_seq`,
      userId,
      role,
      version,
      readSeq,
    );
    if ((entry?.role ?? null) === null || role === null) this.#ids = null;
    this.#entries.set(userId, { role, version, readSeq });
    return true;
  }

  /** Members, for inbox notices; read on every message, changed only by joins and leaves. */
  ids(): string[] {
    this.#ids ??= this.sql.exec<{ user_id: string }>("SELECT user_id FROM roster WHERE role IS NOT NULL").toArray().map((r) => r.user_id);
    return this.#ids;
  }

  /** Moves a current member's read mark forward only, never past `lastSeq`. Returns the new
   * mark if it moved; someone who is not a member moves nothing. */
  markRead(userId: string, seq: number, lastSeq: number): number | null {
    const moved = this.advance(userId, seq, lastSeq);
    if (moved !== null) this.store([userId]);
    return moved;
  }

  /** markRead in memory only: the room's answers see the new mark at once, and store() writes
   * it later (read-batch.ts). */
  advance(userId: string, seq: number, lastSeq: number): number | null {
    const entry = this.get(userId);
    const target = Math.min(seq, lastSeq);
    if (!entry || entry.role === null || target <= entry.readSeq) return null;
    entry.readSeq = target;
    return target;
  }

  /** Writes the read marks of `userIds` as they are in memory (members only). */
  store(userIds: Iterable<string>) {
    for (const id of userIds) {
      const entry = this.get(id);
      if (entry && entry.role !== null) this.sql.exec("UPDATE roster SET read_seq = ? WHERE user_id = ?", entry.readSeq, id);
    }
  }

  readMark(userId: string): number {
    return this.get(userId)?.readSeq ?? 0;
  }

  /** Every member's read mark, for "read by" ticks after a reload. */
  readMarks(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql.exec<{ user_id: string; read_seq: number }>("SELECT user_id, read_seq FROM roster WHERE role IS NOT NULL")) out[r.user_id] = r.read_seq;
    return out;
  }
}
