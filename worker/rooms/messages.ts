// A chat's messages in its Durable Object's SQLite: the single writer of `seq` and `rev`.
// Everything here is synchronous (ctx.storage.sql), so no other event can interleave between
// reading the counters and writing a row: that is what makes `seq` gap-free and ordered.
// Reactions, attachments and senders' profiles have tables of their own; a Message is built
// from all four.
import { limits, type Attachment, type ExportedMessage, type Message, type Reaction, type SearchCursor, type SystemEvent, type User } from "#protocol";
import { clip, fold } from "../lib/ids.ts";
import { fail, ok, type Outcome } from "../lib/outcome.ts";
import type { Attachments } from "./attachments.ts";
import type { Change } from "./catch-up.ts";
import type { Profiles } from "./profiles.ts";
import type { Reactions } from "./reactions.ts";
import { UnreadCounts } from "./unread-counts.ts";

export type Row = {
  seq: number;
  rev: number;
  created_rev: number;
  edit_rev: number | null;
  client_id: string | null;
  kind: "text" | "system";
  sender_id: string | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted: number;
  reply_to: number | null;
  system: string | null;
  /** JSON of Message["mentions"], or null when the message mentions nobody. */
  mentions: string | null;
};

export type Mention = NonNullable<Message["mentions"]>[number];

export type SendInput = { clientId: string; body: string; replyTo?: number | undefined; attachmentIds?: string[] | undefined };

const EXCERPT = 100;
const CATCH_UP_BATCH = 100;

export class Messages {
  #rev: number;
  #lastSeq: number;
  /** Each member's unread and mention counts; deletions and edits here keep them right. */
  readonly counts: UnreadCounts;

  constructor(
    private sql: SqlStorage,
    /** The chat these messages belong to: the object's own name. */
    readonly chatId: string,
    private tables: { profiles: Profiles; reactions: Reactions; attachments: Attachments },
  ) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY, rev INTEGER NOT NULL, created_rev INTEGER NOT NULL, edit_rev INTEGER,
        client_id TEXT UNIQUE, kind TEXT NOT NULL, sender_id TEXT, body TEXT NOT NULL,
        created_at TEXT NOT NULL, edited_at TEXT, deleted INTEGER NOT NULL DEFAULT 0,
        reply_to INTEGER, system TEXT, body_fold TEXT NOT NULL DEFAULT '');
      CREATE UNIQUE INDEX IF NOT EXISTS messages_rev ON messages (rev);
      -- A data export reads one sender's messages a page at a time (ownPage).
      CREATE INDEX IF NOT EXISTS messages_sender ON messages (sender_id, seq);
    `);
    // Rooms from before mentions lack the column (mentions.ts derives it for new messages).
    if (!sql.exec("SELECT 1 FROM pragma_table_info('messages') WHERE name = 'mentions'").toArray().length) {
      sql.exec("ALTER TABLE messages ADD COLUMN mentions TEXT");
    }
    // The counters are derived from the rows, so they survive eviction and restarts exactly.
    this.#rev = Number(sql.exec("SELECT coalesce(max(rev), 0) AS r FROM messages").one().r);
    this.#lastSeq = Number(sql.exec("SELECT coalesce(max(seq), 0) AS s FROM messages").one().s);
    this.counts = new UnreadCounts(sql, () => this.#lastSeq);
  }

  get rev() {
    return this.#rev;
  }
  get lastSeq() {
    return this.#lastSeq;
  }

  /** The stored message for a clientId, if a send with it was seen before (a retry); null if not. */
  byClientId(clientId: string): Row | null {
    return this.sql.exec<Row>("SELECT * FROM messages WHERE client_id = ?", clientId).toArray()[0] ?? null;
  }

  // ---- writes ------------------------------------------------------------------------

  /** Appends a text message, or returns the stored one for a clientId seen before. `known`:
   * that stored one as the caller already looked it up (null: there is none), so a send looks
   * it up once. */
  append(sender: User, input: SendInput, mentions: Mention[] = [], known?: Row | null, now = new Date()): Outcome<{ message: Message; created: boolean }> {
    const existing = known === undefined ? this.byClientId(input.clientId) : known;
    if (existing) {
      if (existing.sender_id !== sender.id) return fail("invalid_request", "clientId is already used");
      return ok({ message: this.#toMessage(existing, sender.id), created: false });
    }
    if (input.replyTo !== undefined && !this.#exists(input.replyTo)) return fail("invalid_request", "replyTo: no such message");
    const attachmentIds = input.attachmentIds ?? [];
    const unusable = this.tables.attachments.unusable(attachmentIds, sender.id);
    if (unusable) return fail("invalid_request", unusable);
    if (input.body.length === 0 && attachmentIds.length === 0) return fail("invalid_request", "body must not be empty");
    const row = this.#insert({ kind: "text", senderId: sender.id, clientId: input.clientId, body: input.body, replyTo: input.replyTo ?? null, system: null, mentions, now });
    this.tables.attachments.claim(attachmentIds, row.seq);
    // A new row has no reactions yet and its sender is the caller: no queries to build it.
    const message = this.#toMessage(row, sender.id, [], new Map([[sender.id, sender]]), attachmentIds.length ? undefined : []);
    return ok({ message, created: true });
  }

  appendSystem(event: SystemEvent, body: string, now = new Date()) {
    const row = this.#insert({ kind: "system", senderId: null, clientId: null, body, replyTo: null, system: JSON.stringify(event), mentions: [], now });
    return this.#toMessage(row, null);
  }

  #insert(m: { kind: Row["kind"]; senderId: string | null; clientId: string | null; body: string; replyTo: number | null; system: string | null; mentions: Mention[]; now: Date }): Row {
    const row: Row = {
      seq: this.#lastSeq + 1,
      rev: this.#rev + 1,
      created_rev: this.#rev + 1,
      edit_rev: null,
      client_id: m.clientId,
      kind: m.kind,
      sender_id: m.senderId,
      body: m.body,
      created_at: m.now.toISOString(),
      edited_at: null,
      deleted: 0,
      reply_to: m.replyTo,
      system: m.system,
      mentions: m.mentions.length ? JSON.stringify(m.mentions) : null,
    };
    this.sql.exec(
      `INSERT INTO messages (seq, rev, created_rev, client_id, kind, sender_id, body, created_at, reply_to, system, body_fold, mentions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      row.seq, row.rev, row.created_rev, row.client_id, row.kind, row.sender_id, row.body, row.created_at, row.reply_to, row.system,
      m.kind === "text" ? fold(m.body) : "", row.mentions,
    );
    // Only after the row is written do the counters move: a throw above leaves them as they were.
    this.#lastSeq = row.seq;
    this.#rev = row.rev;
    return row;
  }

  /** `mentions`: derived from the new text, like a send's; an edit notifies nobody new, but
   * what is highlighted and counted follows the text. */
  edit(userId: string, seq: number, body: string, mentions: Mention[] = [], now = new Date()): Outcome<Message> {
    const row = this.#row(seq);
    if (!row || row.deleted) return fail("not_found", "No such message.");
    if (row.kind !== "text" || row.sender_id !== userId) return fail("forbidden", "Only the sender can edit a message.");
    const rev = this.#rev + 1;
    this.sql.exec(
      "UPDATE messages SET body = ?, body_fold = ?, edited_at = ?, rev = ?, edit_rev = ?, mentions = ? WHERE seq = ?",
      body, fold(body), now.toISOString(), rev, rev, mentions.length ? JSON.stringify(mentions) : null, seq,
    );
    this.#rev = rev;
    this.counts.edited();
    return this.find(seq, userId);
  }

  /** Gives a message a new rev without changing its text (its attachments changed). */
  touch(seq: number): boolean {
    const row = this.#row(seq);
    if (!row || row.deleted) return false;
    const rev = this.#rev + 1;
    this.sql.exec("UPDATE messages SET rev = ?, edit_rev = ? WHERE seq = ?", rev, rev, seq);
    this.#rev = rev;
    return true;
  }

  /** Deletes a message; `mediaKeys` are the R2 objects of its attachments, now unreferenced. */
  delete(userId: string, mayModerate: boolean, seq: number): Outcome<{ seq: number; rev: number; mediaKeys: string[] }> {
    const row = this.#row(seq);
    if (!row || row.deleted) return fail("not_found", "No such message.");
    if (row.kind !== "text") return fail("forbidden", "System messages cannot be deleted.");
    if (row.sender_id !== userId && !mayModerate) return fail("forbidden", "Only the sender, an admin or the owner can delete a message.");
    const rev = this.#rev + 1;
    this.sql.exec("UPDATE messages SET body = '', body_fold = '', mentions = NULL, deleted = 1, rev = ? WHERE seq = ?", rev, seq);
    this.counts.deleted();
    this.tables.reactions.clear(seq);
    const mediaKeys = this.tables.attachments.release(seq);
    this.#rev = rev;
    return ok({ seq, rev, mediaKeys });
  }

  /** Adds or removes one reaction; `changed` is false when it was already so (no new rev). A
   * message takes at most `limits.reactionsPerMessage` different emoji: each one is a chip
   * under it for everyone, so one person must not be able to fill a message with them. */
  react(userId: string, seq: number, emoji: string, on: boolean): Outcome<{ seq: number; rev: number; changed: boolean }> {
    const row = this.#row(seq);
    if (!row || row.deleted || row.kind !== "text") return fail("not_found", "No such message.");
    if (on) {
      const { distinct, has } = this.tables.reactions.variety(seq, emoji);
      if (!has && distinct >= limits.reactionsPerMessage) return fail("too_many_reactions", `A message takes at most ${limits.reactionsPerMessage} different reactions.`);
    }
    if (!this.tables.reactions.set(seq, userId, emoji, on)) return ok({ seq, rev: row.rev, changed: false });
    const rev = this.#rev + 1;
    this.sql.exec("UPDATE messages SET rev = ? WHERE seq = ?", rev, seq);
    this.#rev = rev;
    return ok({ seq, rev, changed: true });
  }

  // ---- reads -------------------------------------------------------------------------

  #row(seq: number): Row | undefined {
    return this.sql.exec<Row>("SELECT * FROM messages WHERE seq = ?", seq).toArray()[0];
  }
  #exists(seq: number) {
    return this.sql.exec("SELECT 1 FROM messages WHERE seq = ?", seq).toArray().length > 0;
  }

  /** A message as `viewerId` sees it (reactions' `me`). */
  find(seq: number, viewerId: string | null): Outcome<Message> {
    const row = this.#row(seq);
    return row ? ok(this.#toMessage(row, viewerId)) : fail("not_found", "No such message.");
  }

  /** A page of history, ascending by seq, as docs/api.md "Messages" describes. */
  page(q: { before?: number | undefined; after?: number | undefined; around?: number | undefined; limit: number }, viewerId: string | null) {
    if (q.around !== undefined) return this.#around(q.around, q.limit, viewerId);
    const take = q.limit + 1; // one extra row tells whether there is more
    let rows: Row[];
    if (q.after !== undefined) {
      rows = this.sql.exec<Row>("SELECT * FROM messages WHERE seq > ? ORDER BY seq ASC LIMIT ?", q.after, take).toArray();
      const hasMore = rows.length > q.limit;
      return { messages: this.#toMessages(rows.slice(0, q.limit), viewerId), hasMore, rev: this.#rev };
    }
    const before = q.before ?? Number.MAX_SAFE_INTEGER;
    rows = this.sql.exec<Row>("SELECT * FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?", before, take).toArray();
    const hasMore = rows.length > q.limit;
    return { messages: this.#toMessages(rows.slice(0, q.limit).reverse(), viewerId), hasMore, rev: this.#rev };
  }

  /**
   * The page that shows `seq` with as much context as `limit` allows: about half before it,
   * the rest from it on. Near either end the other side gets the room, so the page is full
   * whenever the chat has that many messages (a seq past the end gives the latest page).
   */
  #around(seq: number, limit: number, viewerId: string | null) {
    const older = this.sql.exec<Row>("SELECT * FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?", seq, limit + 1).toArray();
    const newer = this.sql.exec<Row>("SELECT * FROM messages WHERE seq >= ? ORDER BY seq ASC LIMIT ?", seq, limit + 1).toArray();
    let after = Math.min(newer.length, limit - Math.floor(limit / 2));
    const before = Math.min(older.length, limit - after);
    after = Math.min(newer.length, limit - before);
    const rows = [...older.slice(0, before).reverse(), ...newer.slice(0, after)];
    return { messages: this.#toMessages(rows, viewerId), hasMore: older.length > before, hasNewer: newer.length > after, rev: this.#rev };
  }

  /** How many messages changed after `rev`, counting no further than `atMost` (an index range
   * on rev, stopped early: a client far behind costs no more than one slightly too far). */
  countChangedSince(rev: number, atMost: number): number {
    return Number(this.sql.exec("SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE rev > ? ORDER BY rev LIMIT ?)", rev, atMost).one().n);
  }

  /** Every message changed after `rev`, in rev order, in its latest state (catch-up), read
   * CATCH_UP_BATCH rows at a time so that no query materializes the whole backlog. */
  *changesSince(rev: number, viewerId: string): Generator<Change> {
    let after = rev;
    for (;;) {
      const rows = this.sql.exec<Row>("SELECT * FROM messages WHERE rev > ? ORDER BY rev ASC LIMIT ?", after, CATCH_UP_BATCH).toArray();
      for (const row of rows) yield { message: this.#toMessage(row, viewerId), createdRev: row.created_rev, editRev: row.edit_rev };
      const last = rows.at(-1);
      if (!last || rows.length < CATCH_UP_BATCH) return;
      after = last.rev;
    }
  }

  /** Text messages containing `q` (case-folded, any script), newest first. A substring scan:
   * a room's history is small enough per object, and it needs no tokenizer for every language.
   * `after` continues a search across chats: only what comes after that place in the order of
   * results (newest first, then chat id and seq, descending; see protocol's searchCursor). */
  search(q: string, limit: number, viewerId: string, after?: SearchCursor): Message[] {
    let where = "";
    const args: (string | number)[] = [fold(q)];
    if (after) {
      // Results of the same instant order by chat id: this whole chat is before or after the
      // cursor's chat at that instant.
      if (this.chatId === after.chatId) where = "AND (created_at < ? OR (created_at = ? AND seq < ?))";
      else where = this.chatId < after.chatId ? "AND created_at <= ?" : "AND created_at < ?";
      args.push(after.createdAt);
      if (this.chatId === after.chatId) args.push(after.createdAt, after.seq);
    }
    const rows = this.sql
      .exec<Row>(
        `SELECT * FROM messages WHERE kind = 'text' AND deleted = 0 AND instr(body_fold, ?) > 0 ${where} ORDER BY created_at DESC, seq DESC LIMIT ?`,
        ...args,
        limit,
      )
      .toArray();
    return this.#toMessages(rows.reverse(), viewerId).reverse();
  }

  last(viewerId: string | null): Message | null {
    const row = this.sql.exec<Row>("SELECT * FROM messages ORDER BY seq DESC LIMIT 1").toArray()[0];
    return row ? this.#toMessage(row, viewerId) : null;
  }

  /** Whether message `seq` exists and is not deleted (a push about it is still worth sending). */
  isLive(seq: number): boolean {
    return this.sql.exec("SELECT 1 FROM messages WHERE seq = ? AND deleted = 0", seq).toArray().length > 0;
  }

  #toMessages(rows: Row[], viewerId: string | null): Message[] {
    const [lo, hi] = [rows[0]?.seq ?? 0, rows.at(-1)?.seq ?? 0];
    const reactions = this.tables.reactions.forRange(lo, hi, viewerId);
    const attachments = this.tables.attachments.forSeqs(lo, hi);
    const users = new Map<string, User | null>();
    return rows.map((r) => this.#toMessage(r, viewerId, reactions.get(r.seq) ?? [], users, attachments.get(r.seq) ?? []));
  }

  #toMessage(row: Row, viewerId: string | null, reactions?: Reaction[], users = new Map<string, User | null>(), attachments?: Attachment[]): Message {
    const { profiles } = this.tables;
    const deleted = row.deleted === 1;
    let replyTo: Message["replyTo"] = null;
    if (row.reply_to !== null) {
      const target = this.#row(row.reply_to);
      if (target) {
        replyTo = {
          seq: target.seq,
          sender: profiles.get(target.sender_id, users),
          excerpt: target.deleted ? "" : clip(target.body, EXCERPT),
          deleted: target.deleted === 1,
        };
      }
    }
    const message: Message = {
      chatId: this.chatId,
      seq: row.seq,
      rev: row.rev,
      clientId: row.client_id,
      kind: row.kind,
      sender: profiles.get(row.sender_id, users),
      body: deleted ? "" : row.body,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deleted,
      replyTo,
      attachments: deleted ? [] : (attachments ?? this.tables.attachments.forSeqs(row.seq, row.seq).get(row.seq) ?? []),
      reactions: deleted ? [] : (reactions ?? this.tables.reactions.of(row.seq, viewerId)),
    };
    // Written by appendSystem() from an event this room built: not client input. The people
    // in it are shown as they are now (a rename, a deleted account), like senders.
    if (row.system) {
      const event = JSON.parse(row.system) as SystemEvent;
      const now = (u: User | null) => (u ? (profiles.get(u.id, users) ?? u) : null);
      message.system = { ...event, actor: now(event.actor), target: now(event.target) };
    }
    // Written by append()/edit() from members the room resolved: not client input.
    if (row.mentions && !deleted) message.mentions = JSON.parse(row.mentions) as Mention[];
    return message;
  }

  /** One page of `senderId`'s own messages after `afterSeq`, oldest first, for their data
   * export: deleted ones are left out (their text is gone). */
  ownPage(senderId: string, afterSeq: number, limit: number): ExportedMessage[] {
    const rows = this.sql
      .exec<Row>("SELECT * FROM messages WHERE sender_id = ? AND seq > ? AND deleted = 0 AND kind = 'text' ORDER BY seq LIMIT ?", senderId, afterSeq, limit)
      .toArray();
    return rows.map((r) => ({
      seq: r.seq,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      body: r.body,
      replyTo: r.reply_to,
      attachments: (this.tables.attachments.forSeqs(r.seq, r.seq).get(r.seq) ?? []).map((a) => ({ name: a.name, contentType: a.contentType, size: a.size })),
    }));
  }
}
