// The room's copy of its member list, with each member's read mark, in the room's SQLite. D1
// has the authoritative list (services/membership.ts writes it first); this copy lets the room
// reach members' inboxes and count unread messages without a D1 query per message.
export class Roster {
  #ids: string[] | null = null;

  constructor(private sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS members (user_id TEXT PRIMARY KEY, read_seq INTEGER NOT NULL DEFAULT 0);");
  }

  /** A new member has read everything so far (`lastSeq`); a returning one keeps a later mark. */
  add(userId: string, lastSeq: number) {
    this.#ids = null;
    this.sql.exec(
      "INSERT INTO members (user_id, read_seq) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET read_seq = max(read_seq, excluded.read_seq)",
      userId,
      lastSeq,
    );
  }

  remove(userId: string) {
    this.#ids = null;
    this.sql.exec("DELETE FROM members WHERE user_id = ?", userId);
  }

  /** Read on every message (inbox pokes), changed only by joins and leaves: kept in memory. */
  ids(): string[] {
    this.#ids ??= this.sql.exec<{ user_id: string }>("SELECT user_id FROM members").toArray().map((r) => r.user_id);
    return this.#ids;
  }

  /** Moves a read mark forward only, never past `lastSeq`. Returns the new mark if it moved. */
  markRead(userId: string, seq: number, lastSeq: number): number | null {
    const target = Math.min(seq, lastSeq);
    if (target <= 0) return null;
    // One statement: the WHERE keeps the mark from moving back, rowsWritten says if it moved.
    const cursor = this.sql.exec(
      `INSERT INTO members (user_id, read_seq) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET read_seq = excluded.read_seq WHERE read_seq < excluded.read_seq`,
      userId,
      target,
    );
    return cursor.rowsWritten > 0 ? target : null;
  }

  readMark(userId: string): number {
    const row = this.sql.exec<{ read_seq: number }>("SELECT read_seq FROM members WHERE user_id = ?", userId).toArray()[0];
    return row?.read_seq ?? 0;
  }

  /** Every member's read mark, for "read by" ticks after a reload. */
  readMarks(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql.exec<{ user_id: string; read_seq: number }>("SELECT user_id, read_seq FROM members")) out[r.user_id] = r.read_seq;
    return out;
  }
}
