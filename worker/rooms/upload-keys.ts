// Names that uploaders give their uploads (a UUID in `?key=`), so that a cancelled upload can
// be taken back whichever reaches the room first: the finished upload or the cancellation.
// The uploader cancels before the answer comes, so it never learns the media id; by the time
// it cancels, the server may already have every byte (they sat in buffers on the way) and be
// storing them. If the upload is here, the cancellation discards it; if not yet, it leaves a
// mark, and the upload that arrives later under that key is refused and its bytes deleted.
// Both happen in the room, one event at a time, so there is no third order.
export type Claim = "ok" | "cancelled" | "used";

export class UploadKeys {
  constructor(private sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS upload_keys (uploader_id TEXT NOT NULL, key TEXT NOT NULL, attachment_id TEXT,
      cancelled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, PRIMARY KEY (uploader_id, key));`);
  }

  /** An upload arrived under `key`: "ok" (recorded), or why it must not be kept. */
  claim(uploaderId: string, key: string, attachmentId: string, now: string): Claim {
    const row = this.sql.exec<{ cancelled: number }>("SELECT cancelled FROM upload_keys WHERE uploader_id = ? AND key = ?", uploaderId, key).toArray()[0];
    if (row) return row.cancelled ? "cancelled" : "used";
    this.sql.exec("INSERT INTO upload_keys (uploader_id, key, attachment_id, created_at) VALUES (?, ?, ?, ?)", uploaderId, key, attachmentId, now);
    return "ok";
  }

  /** The uploader cancels `key`: the id of the upload it names if that has arrived, else null
   * (and the key is marked, so the upload is refused when it does). */
  cancel(uploaderId: string, key: string, now: string): string | null {
    const row = this.sql.exec<{ attachment_id: string | null }>("SELECT attachment_id FROM upload_keys WHERE uploader_id = ? AND key = ?", uploaderId, key).toArray()[0];
    if (row) {
      this.sql.exec("UPDATE upload_keys SET cancelled = 1 WHERE uploader_id = ? AND key = ?", uploaderId, key);
      return row.attachment_id;
    }
    this.sql.exec("INSERT INTO upload_keys (uploader_id, key, attachment_id, cancelled, created_at) VALUES (?, ?, NULL, 1, ?)", uploaderId, key, now);
    return null;
  }

  /** Keys older than `before` (ISO): no upload takes that long, so they can go. */
  sweep(before: string) {
    this.sql.exec("DELETE FROM upload_keys WHERE created_at < ?", before);
  }

  any(): boolean {
    return this.sql.exec("SELECT 1 FROM upload_keys LIMIT 1").toArray().length > 0;
  }
}
