// Invite links. Validity (not revoked, not expired, not used up) is checked inside the same
// statements that use a link, so two people racing for a one-use link cannot both get in.
import { and, desc, eq, sql } from "drizzle-orm";
import { nowIso, randomToken } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { bumpIfChanged, versionOf, type Version } from "./members.ts";
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

/**
 * Spends one use of the link and admits the user, atomically, with the roster version and the
 * withdrawal of the user's pending invite to the chat. `version` is null if nothing happened:
 * the link was no longer usable by the time this ran, or the user was already a member (then
 * no use is spent and nobody is recorded as joining twice).
 */
export async function joinByLink(db: Db, token: string, chatId: string, userId: string): Promise<{ version: Version; withdrawn: string[] }> {
  const d1 = db.$client;
  const now = nowIso();
  // A D1 batch is one transaction on one connection: changes() in each statement reports
  // whether the one before it changed a row.
  const [, , bumped, withdrawn] = await d1.batch([
    d1
      .prepare(
        `UPDATE links SET uses = uses + 1 WHERE token = ?1
         AND (expires_at IS NULL OR expires_at > ?2) AND (max_uses IS NULL OR uses < max_uses)
         AND NOT EXISTS (SELECT 1 FROM members WHERE chat_id = ?3 AND user_id = ?4)`,
      )
      .bind(token, now, chatId, userId),
    d1
      .prepare(
        `INSERT INTO members (chat_id, user_id, role, muted, joined_at) SELECT ?1, ?2, 'member', 0, ?3
         WHERE changes() = 1 ON CONFLICT DO NOTHING`,
      )
      .bind(chatId, userId, now),
    bumpIfChanged(d1, chatId),
    d1.prepare("DELETE FROM invites WHERE chat_id = ? AND to_id = ? AND changes() > 0 RETURNING id").bind(chatId, userId),
  ]);
  return { version: versionOf(bumped), withdrawn: (withdrawn?.results ?? []).map((r) => (r as { id: string }).id) };
}
