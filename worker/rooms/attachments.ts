// Attachments of a chat, kept beside its messages in the room's SQLite so that "usable in
// one message" is checked and claimed in the same synchronous step that appends the message.
// The bytes live in R2 (media/store.ts).
import type { Attachment } from "#protocol";

export type AttachmentRow = {
  id: string;
  uploader_id: string;
  kind: Attachment["kind"];
  content_type: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  r2_key: string;
  thumb_key: string | null;
  seq: number | null;
  created_at: string;
};

export class Attachments {
  constructor(private sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS attachments (
      id TEXT PRIMARY KEY, uploader_id TEXT NOT NULL, kind TEXT NOT NULL, content_type TEXT NOT NULL,
      size INTEGER NOT NULL, name TEXT NOT NULL, width INTEGER, height INTEGER, duration_ms INTEGER,
      r2_key TEXT NOT NULL, thumb_key TEXT, seq INTEGER, created_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS attachments_seq ON attachments (seq);`);
  }

  add(row: AttachmentRow) {
    this.sql.exec(
      `INSERT INTO attachments (id, uploader_id, kind, content_type, size, name, width, height, duration_ms, r2_key, thumb_key, seq, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`,
      row.id, row.uploader_id, row.kind, row.content_type, row.size, row.name, row.width, row.height, row.duration_ms, row.r2_key, row.created_at,
    );
  }

  get(id: string): AttachmentRow | undefined {
    return this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE id = ?", id).toArray()[0];
  }

  setThumbnail(id: string, key: string) {
    this.sql.exec("UPDATE attachments SET thumb_key = ? WHERE id = ?", key, id);
  }

  /** The uploader takes back an upload they have not sent: its record goes, its R2 keys are
   * returned; null when there is no such unsent upload of theirs. */
  discardUnsent(id: string, userId: string): string[] | null {
    const row = this.get(id);
    if (!row || row.seq !== null || row.uploader_id !== userId) return null;
    this.sql.exec("DELETE FROM attachments WHERE id = ?", id);
    return row.thumb_key ? [row.r2_key, row.thumb_key] : [row.r2_key];
  }

  /** A user's uploads not sent yet, oldest first. */
  unsentOf(userId: string): AttachmentRow[] {
    return this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE seq IS NULL AND uploader_id = ? ORDER BY created_at, id", userId).toArray();
  }

  /** Why `ids` cannot go into a new message of `userId`, or null if they all can. */
  unusable(ids: string[], userId: string): string | null {
    if (new Set(ids).size !== ids.length) return "attachmentIds: listed twice";
    for (const id of ids) {
      const row = this.get(id);
      if (!row || row.uploader_id !== userId) return `attachmentIds: no such attachment: ${id}`;
      if (row.seq !== null) return `attachmentIds: already used in a message: ${id}`;
    }
    return null;
  }

  claim(ids: string[], seq: number) {
    for (const id of ids) this.sql.exec("UPDATE attachments SET seq = ? WHERE id = ?", seq, id);
  }

  /** Drops a message's attachments and returns their R2 keys, to delete the bytes too. */
  release(seq: number): string[] {
    const rows = this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE seq = ?", seq).toArray();
    this.sql.exec("DELETE FROM attachments WHERE seq = ?", seq);
    return rows.flatMap((r) => (r.thumb_key ? [r.r2_key, r.thumb_key] : [r.r2_key]));
  }

  /** Uploads never sent in a message by `before` (ISO): removed, their R2 keys returned. */
  sweepUnsent(before: string): string[] {
    const rows = this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE seq IS NULL AND created_at < ?", before).toArray();
    this.sql.exec("DELETE FROM attachments WHERE seq IS NULL AND created_at < ?", before);
    return rows.flatMap((r) => (r.thumb_key ? [r.r2_key, r.thumb_key] : [r.r2_key]));
  }

  /** When the oldest upload still unsent was made (ISO), or null if there is none. */
  oldestUnsent(): string | null {
    return this.sql.exec<{ at: string | null }>("SELECT min(created_at) AS at FROM attachments WHERE seq IS NULL").one().at;
  }

  forSeqs(lo: number, hi: number): Map<number, Attachment[]> {
    const out = new Map<number, Attachment[]>();
    const rows = this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE seq BETWEEN ? AND ? ORDER BY created_at, id", lo, hi).toArray();
    for (const r of rows) {
      if (r.seq === null) continue;
      const list = out.get(r.seq) ?? [];
      list.push(toAttachment(r));
      out.set(r.seq, list);
    }
    return out;
  }
}

export function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    kind: r.kind,
    contentType: r.content_type,
    size: r.size,
    name: r.name,
    width: r.width,
    height: r.height,
    durationMs: r.duration_ms,
    url: `/api/media/${r.id}`,
    // The tag changes with every thumbnail (a new key each): the bytes are served immutable.
    thumbnailUrl: r.thumb_key ? `/api/media/${r.id}/thumbnail?v=${encodeURIComponent(r.thumb_key.slice(-8))}` : null,
  };
}
