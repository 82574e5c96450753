// Each member's unread count and unread-mention count (the "@" badge), kept up to date cheaply.
// Every round of inbox pokes asks both for every member; without a cache a member far behind
// cost a scan of everything they had not read, each round (a burst of 2,000 into 100 listeners
// that never read: 100 scans of up to 2,000 rows every second).
//
// A count is remembered with the read mark it was counted from and the last seq it covered.
// Appends only add to a count, so it is brought up to date by counting the new messages alone.
// A deletion can lower any count and an edit can add or take away a mention, so each moves a
// generation that makes the affected counts be counted afresh. Memory only: lost with an
// eviction, rebuilt on use.
type Count = (after: number, userId: string) => number;

class CountCache {
  #entries = new Map<string, { mark: number; seq: number; generation: number; n: number }>();
  #generation = 0;

  constructor(private count: Count) {}

  invalidate() {
    this.#generation += 1;
  }

  get(mark: number, userId: string, lastSeq: number): number {
    const cached = this.#entries.get(userId);
    const fresh = cached && cached.mark === mark && cached.generation === this.#generation;
    const n = fresh ? cached.n + (cached.seq < lastSeq ? this.count(cached.seq, userId) : 0) : this.count(mark, userId);
    this.#entries.set(userId, { mark, seq: lastSeq, generation: this.#generation, n });
    return n;
  }
}

export class UnreadCounts {
  #unread: CountCache;
  #mentions: CountCache;

  constructor(
    private sql: SqlStorage,
    /** The chat's last seq now. */
    private lastSeq: () => number,
  ) {
    this.#unread = new CountCache((after, userId) => this.#countUnread(after, userId));
    this.#mentions = new CountCache((after, userId) => this.#countMentions(after, userId));
  }

  /** A message was deleted: any count may have dropped. */
  deleted() {
    this.#unread.invalidate();
    this.#mentions.invalidate();
  }

  /** A message's text changed: whom it mentions may have too. */
  edited() {
    this.#mentions.invalidate();
  }

  /** Text messages after `mark` that `userId` did not send and that are not deleted. */
  unread(mark: number, userId: string): number {
    return this.#unread.get(mark, userId, this.lastSeq());
  }

  /** Of those, the ones that mention `userId`. */
  mentions(mark: number, userId: string): number {
    return this.#mentions.get(mark, userId, this.lastSeq());
  }

  #countUnread(after: number, userId: string): number {
    return Number(
      this.sql.exec("SELECT count(*) AS n FROM messages WHERE seq > ? AND kind = 'text' AND deleted = 0 AND sender_id != ?", after, userId).one().n,
    );
  }

  /** The mentions JSON is written by Messages from ids the room made, so a quoted id matches
   * only that member. */
  #countMentions(after: number, userId: string): number {
    const quotedId = JSON.stringify({ id: userId }).slice(1, -1);
    return Number(
      this.sql
        .exec(
          "SELECT count(*) AS n FROM messages WHERE seq > ? AND kind = 'text' AND deleted = 0 AND sender_id != ? AND mentions IS NOT NULL AND instr(mentions, ?) > 0",
          after,
          userId,
          quotedId,
        )
        .one().n,
    );
  }
}
