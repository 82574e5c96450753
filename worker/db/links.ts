// Invite links. Validity (not revoked, not expired, not used up) is checked inside the same
// statements that use a link, so two people racing for a one-use link cannot both get in.
import { and, desc, eq, sql } from "drizzle-orm";
import { nowIso, randomToken } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { chats, links } from "./schema.ts";

export type LinkRow = typeof links.$inferSelect;

const usable = () =>
  sql`(${links.expiresAt} IS NULL OR ${links.expiresAt} > ${nowIso()}) AND (${links.maxUses} IS NULL OR ${links.uses} < ${links.maxUses})`;

export async function createLink(db: Db, input: { chatId: string; createdBy: string; expiresInHours?: number | undefined; maxUses?: number | undefined }) {
  const row: LinkRow = {
    token: randomToken(16),
    chatId: input.chatId,
    createdBy: input.createdBy,
    createdAt: nowIso(),
    expiresAt: input.expiresInHours ? new Date(Date.now() + input.expiresInHours * 3_600_000).toISOString() : null,
    maxUses: input.maxUses ?? null,
    uses: 0,
  };
  await db.insert(links).values(row);
  return row;
}

export async function listLinks(db: Db, chatId: string) {
  return db.select().from(links).where(eq(links.chatId, chatId)).orderBy(desc(links.createdAt)).all();
}

export async function deleteLink(db: Db, chatId: string, token: string) {
  const deleted = await db
    .delete(links)
    .where(and(eq(links.chatId, chatId), eq(links.token, token)))
    .returning({ token: links.token });
  return deleted.length > 0;
}

/** A usable link with its chat, or undefined (unknown, revoked, expired, used up). */
export async function findUsableLink(db: Db, token: string) {
  return db
    .select({ link: links, chat: chats })
    .from(links)
    .innerJoin(chats, eq(chats.id, links.chatId))
    .where(and(eq(links.token, token), usable()))
    .get();
}

/** Spends one use of the link and admits the user, atomically. False if the link was no
 * longer usable by the time this ran. */
export async function joinByLink(db: Db, token: string, chatId: string, userId: string) {
  const d1 = db.$client;
  const now = nowIso();
  // A D1 batch is one transaction on one connection: changes() in the second statement
  // reports whether the first one spent a use.
  const [spent] = await d1.batch([
    d1
      .prepare(
        `UPDATE links SET uses = uses + 1 WHERE token = ?1
         AND (expires_at IS NULL OR expires_at > ?2) AND (max_uses IS NULL OR uses < max_uses) RETURNING token`,
      )
      .bind(token, now),
    d1
      .prepare(
        `INSERT INTO members (chat_id, user_id, role, muted, joined_at) SELECT ?1, ?2, 'member', 0, ?3
         WHERE changes() = 1 ON CONFLICT DO NOTHING`,
      )
      .bind(chatId, userId, now),
  ]);
  return (spent?.results.length ?? 0) > 0;
}
