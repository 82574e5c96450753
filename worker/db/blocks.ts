// Who blocked whom (docs/security.md "Blocking"). A block is one row, written by the blocker;
// the checks that refuse the blocked person read it in the same database as the change they
// guard (a direct chat, an invite), so there is no copy to fall out of date.
import { and, asc, eq, or } from "drizzle-orm";
import { nowIso } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { blocks, users } from "./schema.ts";

/** Blocks `blockedId`; blocking twice changes nothing. */
export async function addBlock(db: Db, blockerId: string, blockedId: string) {
  await db.insert(blocks).values({ blockerId, blockedId, createdAt: nowIso() }).onConflictDoNothing();
}

/** Whether there was a block to remove. */
export async function removeBlock(db: Db, blockerId: string, blockedId: string) {
  const gone = await db
    .delete(blocks)
    .where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)))
    .returning({ id: blocks.blockedId });
  return gone.length > 0;
}

/** The people `blockerId` blocked, in the order they were blocked. */
export async function blockedBy(db: Db, blockerId: string) {
  return db
    .select({ user: users })
    .from(blocks)
    .innerJoin(users, eq(users.id, blocks.blockedId))
    .where(eq(blocks.blockerId, blockerId))
    .orderBy(asc(blocks.createdAt))
    .all();
}

export async function hasBlocked(db: Db, blockerId: string, blockedId: string) {
  const row = await db
    .select({ id: blocks.blockerId })
    .from(blocks)
    .where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)))
    .get();
  return row !== undefined;
}

/** Whether either of the two blocked the other: a direct chat between them stays closed. */
export async function eitherBlocked(db: Db, a: string, b: string) {
  const row = await db
    .select({ id: blocks.blockerId })
    .from(blocks)
    .where(or(and(eq(blocks.blockerId, a), eq(blocks.blockedId, b)), and(eq(blocks.blockerId, b), eq(blocks.blockedId, a))))
    .get();
  return row !== undefined;
}
