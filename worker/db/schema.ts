// D1 tables: accounts, sessions, chats, memberships, invites and rate-limit windows.
// Per-message data never lives here: one database serves every chat, so it would take every
// message's write; it belongs to each chat's Durable Object (docs/architecture.md "D1").
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    /** Lowercased display name, for case-insensitive search in every script. */
    displayNameFold: text("display_name_fold").notNull(),
    bio: text("bio").notNull().default(""),
    avatarKey: text("avatar_key"),
    passwordHash: text("password_hash").notNull(),
    createdAt: text("created_at").notNull(),
    /** Set when the account was deleted. The row stays as a tombstone: its username stays
     * taken (the unique index), and every reference to the id (chats.created_by, links, the
     * copies of the profile in rooms) keeps pointing at something (docs/security.md
     * "Deleting an account"). */
    deletedAt: text("deleted_at"),
  },
  (t) => [uniqueIndex("users_username").on(t.username)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** Public id, shown in the sessions list; not a credential. */
    id: text("id").primaryKey(),
    /** SHA-256 of the secret session id carried in the cookie's JWT. */
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text("user_agent").notNull().default(""),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [uniqueIndex("sessions_token_hash").on(t.tokenHash), index("sessions_user").on(t.userId)],
);

export const chats = sqliteTable("chats", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["group", "direct"] }).notNull(),
  name: text("name").notNull(),
  /** Lowercased name: SQLite's LIKE folds ASCII only, so search compares folded text. */
  nameFold: text("name_fold").notNull(),
  visibility: text("visibility", { enum: ["private", "public"] }).notNull().default("private"),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
  /** Bumped in the same transaction as every membership change (join, leave, removal, role,
   * ownership): the chat's room keeps its own copy of the roster and takes a notice or an
   * upgrade only when it is newer than what it has (docs/architecture.md "Membership inside
   * the room"). */
  rosterVersion: integer("roster_version").notNull().default(0),
});

export const members = sqliteTable(
  "members",
  {
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
    muted: integer("muted", { mode: "boolean" }).notNull().default(false),
    joinedAt: text("joined_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.userId] }), index("members_user").on(t.userId)],
);

export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    fromId: text("from_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toId: text("to_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("invites_chat_to").on(t.chatId, t.toId), index("invites_to").on(t.toId)],
);

/** Fixed-window counters for rate limits that must hold across Worker isolates. */
export const rateWindows = sqliteTable(
  "rate_windows",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  // The cleanup deletes by age: without this index it read the whole table on every call.
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_windows_start").on(t.windowStart)],
);

/** Invite links: a secret token that lets anyone signed in join, within limits. */
export const links = sqliteTable(
  "links",
  {
    token: text("token").primaryKey(),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at"),
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
  },
  (t) => [index("links_chat").on(t.chatId)],
);

/** The one direct chat of a pair of users; `userA` < `userB`, so the pair has one key. */
export const directPairs = sqliteTable(
  "direct_pairs",
  {
    userA: text("user_a").notNull(),
    userB: text("user_b").notNull(),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userA, t.userB] })],
);

/** Web Push subscriptions (one per browser profile), keyed by the push service's endpoint. */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    endpoint: text("endpoint").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("push_user").on(t.userId)],
);

/** `blockerId` blocked `blockedId` (docs/security.md "Blocking"). Both rows go with either
 * account (a deleted account's rows are deleted with its other personal data). */
export const blocks = sqliteTable(
  "blocks",
  {
    blockerId: text("blocker_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blockedId: text("blocked_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index("blocks_blocked").on(t.blockedId)],
);
