// A direct chat can be closed to new messages: while either person blocks the other, or after
// one of them deleted their account. The Worker decides (it has the blocks in D1) and tells the
// room (services/blocks.ts, services/account.ts); the room keeps the mark in its own storage and
// checks it on every send, HTTP and socket alike, so it holds without a D1 query per message
// and after an eviction. The history stays readable.
export type ClosedReason = "blocked" | "account_deleted";

export class Closed {
  #reason: ClosedReason | null;

  constructor(private sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS closed (reason TEXT NOT NULL);");
    this.#reason = (sql.exec<{ reason: ClosedReason }>("SELECT reason FROM closed").toArray()[0]?.reason as ClosedReason | undefined) ?? null;
  }

  get reason() {
    return this.#reason;
  }

  /** A deleted account closes the chat for good: a later unblock does not reopen it. */
  set(reason: ClosedReason | null) {
    if (this.#reason === "account_deleted") return;
    this.sql.exec("DELETE FROM closed");
    if (reason !== null) this.sql.exec("INSERT INTO closed (reason) VALUES (?)", reason);
    this.#reason = reason;
  }
}
