// When each member's read mark moved, so a sender can see who has read their message and
// when. The roster (roster.ts) keeps only how far each member has read; this table keeps the
// moves: the mark went from `from_seq` to `seq` at `at`, so message N was first read in the
// one move with from_seq < N <= seq (marks only move forward, so moves never overlap).
//
// Bounded per member: only the last KEEP moves are kept (a member reading as messages arrive
// makes one move per message). A message read in an older move is still read (the roster says
// so) but its time is no longer known: null, never a later time that would be wrong.
const KEEP = 200;

export class ReadLog {
  constructor(private sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS read_log (user_id TEXT NOT NULL, seq INTEGER NOT NULL, from_seq INTEGER NOT NULL, at TEXT NOT NULL,
      PRIMARY KEY (user_id, seq));`);
  }

  /** `userId`'s mark moved from `from` to `to` (a join counts: from 0 to where it starts). */
  moved(userId: string, from: number, to: number, at = new Date()) {
    if (to <= from) return;
    this.sql.exec(
      "INSERT INTO read_log (user_id, seq, from_seq, at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, seq) DO NOTHING",
      userId,
      to,
      from,
      at.toISOString(),
    );
    this.sql.exec(
      `DELETE FROM read_log WHERE user_id = ?1 AND seq < (SELECT seq FROM read_log WHERE user_id = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ${KEEP - 1})`,
      userId,
    );
  }

  /** The member left: their moves go with their read mark. */
  forget(userId: string) {
    this.sql.exec("DELETE FROM read_log WHERE user_id = ?", userId);
  }

  /** When each member's mark moved past message `seq`, for the moves still kept. */
  timesFor(seq: number): Map<string, string> {
    const rows = this.sql
      .exec<{ user_id: string; at: string }>("SELECT user_id, min(at) AS at FROM read_log WHERE from_seq < ?1 AND seq >= ?1 GROUP BY user_id", seq)
      .toArray();
    return new Map(rows.map((r) => [r.user_id, r.at]));
  }
}
