// Direct chats: exactly one per pair of users, even when both start it at the same moment.
import { and, eq } from "drizzle-orm";
import { newId, nowIso } from "../lib/ids.ts";
import type { ChatRow } from "./chats.ts";
import type { Db } from "./client.ts";
import { chats, directPairs, members } from "./schema.ts";

const ordered = (x: string, y: string) => (x < y ? [x, y] : [y, x]) as [string, string];

export async function findDirect(db: Db, me: string, other: string) {
  const [a, b] = ordered(me, other);
  const row = await db
    .select({ chatId: directPairs.chatId })
    .from(directPairs)
    .where(and(eq(directPairs.userA, a), eq(directPairs.userB, b)))
    .get();
  return row?.chatId ?? null;
}

/** Creates the pair's chat, or returns the one that exists: `created` tells which. The pair's
 * primary key makes a concurrent second creation fail as a whole (one D1 transaction). */
export async function getOrCreateDirect(db: Db, me: string, other: string): Promise<{ chatId: string; created: true; version: number } | { chatId: string; created: false }> {
  const existing = await findDirect(db, me, other);
  if (existing) return { chatId: existing, created: false };
  const [a, b] = ordered(me, other);
  const now = nowIso();
  // Both members join with the chat: the roster's first change.
  const chat: ChatRow = { id: newId(), kind: "direct", name: "", nameFold: "", visibility: "private", createdBy: me, createdAt: now, rosterVersion: 1 };
  try {
    await db.batch([
      db.insert(chats).values(chat),
      db.insert(directPairs).values({ userA: a, userB: b, chatId: chat.id }),
      db.insert(members).values([
        { chatId: chat.id, userId: me, role: "member", muted: false, joinedAt: now },
        { chatId: chat.id, userId: other, role: "member", muted: false, joinedAt: now },
      ]),
    ]);
    return { chatId: chat.id, created: true, version: chat.rosterVersion };
  } catch (err) {
    const winner = await findDirect(db, me, other);
    if (winner) return { chatId: winner, created: false };
    throw err;
  }
}
