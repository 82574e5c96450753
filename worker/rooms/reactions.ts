// Reactions of a chat's messages, in the room's SQLite. `me` depends on who is looking, so
// every read takes the viewer.
import type { Reaction } from "#protocol";

export class Reactions {
  constructor(private sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS reactions (seq INTEGER NOT NULL, user_id TEXT NOT NULL, emoji TEXT NOT NULL,
      PRIMARY KEY (seq, user_id, emoji));`);
  }

  /** True if the set changed (a repeated "on" or "off" is not a change). */
  set(seq: number, userId: string, emoji: string, on: boolean): boolean {
    const cursor = on
      ? this.sql.exec("INSERT INTO reactions (seq, user_id, emoji) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", seq, userId, emoji)
      : this.sql.exec("DELETE FROM reactions WHERE seq = ? AND user_id = ? AND emoji = ?", seq, userId, emoji);
    return cursor.rowsWritten > 0;
  }

  /** How many different emoji the message has, and whether `emoji` is one of them. */
  variety(seq: number, emoji: string): { distinct: number; has: boolean } {
    const r = this.sql.exec<{ n: number; has: number | null }>("SELECT count(DISTINCT emoji) AS n, max(emoji = ?) AS has FROM reactions WHERE seq = ?", emoji, seq).one();
    return { distinct: r.n, has: r.has === 1 };
  }

  clear(seq: number) {
    this.sql.exec("DELETE FROM reactions WHERE seq = ?", seq);
  }

  of(seq: number, viewerId: string | null): Reaction[] {
    return this.forRange(seq, seq, viewerId).get(seq) ?? [];
  }

  /** Reactions of messages lo..hi, grouped by emoji in the order each was first used. */
  forRange(lo: number, hi: number, viewerId: string | null): Map<number, Reaction[]> {
    const out = new Map<number, Reaction[]>();
    const rows = this.sql
      .exec<{ seq: number; emoji: string; n: number; me: number }>(
        `SELECT seq, emoji, count(*) AS n, max(user_id = ?) AS me, min(rowid) AS first
         FROM reactions WHERE seq BETWEEN ? AND ? GROUP BY seq, emoji ORDER BY seq, first`,
        viewerId ?? "",
        lo,
        hi,
      )
      .toArray();
    for (const r of rows) {
      const list = out.get(r.seq) ?? [];
      list.push({ emoji: r.emoji, count: r.n, me: r.me === 1 });
      out.set(r.seq, list);
    }
    return out;
  }

  /** Who gave each reaction to `seq`, at most `cap` people per emoji in the order they reacted,
   * emoji in the order of first use. Bounded by `cap` whatever the chat's size. */
  who(seq: number, cap: number): { emoji: string; count: number; userIds: string[] }[] {
    const rows = this.sql
      .exec<{ emoji: string; user_id: string; total: number }>(
        `SELECT emoji, user_id, total FROM (
           SELECT emoji, user_id, rowid AS r, row_number() OVER w AS n, count(*) OVER (PARTITION BY emoji) AS total,
             min(rowid) OVER (PARTITION BY emoji) AS first
           FROM reactions WHERE seq = ? WINDOW w AS (PARTITION BY emoji ORDER BY rowid))
         WHERE n <= ? ORDER BY first, r`,
        seq,
        cap,
      )
      .toArray();
    const out: { emoji: string; count: number; userIds: string[] }[] = [];
    for (const r of rows) {
      const last = out.at(-1);
      if (last?.emoji === r.emoji) last.userIds.push(r.user_id);
      else out.push({ emoji: r.emoji, count: r.total, userIds: [r.user_id] });
    }
    return out;
  }
}
