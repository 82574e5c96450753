// A deleted chat's room keeps one thing: the mark that it was deleted. From the moment the
// mark is written the room refuses every write and upgrade, so a request that passed its
// access check before the deletion cannot write after it; and the mark is written again after
// the room's storage is erased (deleteAll), so a later call that wakes the object finds a
// deleted room rather than an empty one that would accept writes.
export class Tombstone {
  constructor(private sql: SqlStorage) {}

  /** Whether this room was deleted (read once, when the object starts). */
  exists(): boolean {
    return this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tombstone'").toArray().length > 0;
  }

  write(now = Date.now()) {
    this.sql.exec("CREATE TABLE IF NOT EXISTS tombstone (deleted_at INTEGER NOT NULL);");
    if (this.sql.exec("SELECT 1 FROM tombstone").toArray().length === 0) this.sql.exec("INSERT INTO tombstone (deleted_at) VALUES (?)", now);
  }
}
