// Web Push subscriptions in D1.
import { and, desc, eq, ne, notInArray, sql } from "drizzle-orm";
import { nowIso } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { pushSubscriptions } from "./schema.ts";

/** A browser's endpoint belongs to whoever subscribed with it last (a shared computer), and
 * subscribing again makes it the newest. A user keeps at most `keep` subscriptions: every
 * message is one POST per subscription, so the oldest make way (a browser that still uses one
 * subscribes again when it is next opened). One batch, so the cap holds under races. */
export async function saveSubscription(db: Db, userId: string, s: { endpoint: string; p256dh: string; auth: string }, keep: number) {
  const now = nowIso();
  const newest = db
    .select({ endpoint: pushSubscriptions.endpoint })
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), ne(pushSubscriptions.endpoint, s.endpoint)))
    // Same-millisecond rows: the later insert (rowid) is the newer.
    .orderBy(desc(pushSubscriptions.createdAt), desc(sql`rowid`))
    .limit(keep - 1);
  await db.batch([
    db
      .insert(pushSubscriptions)
      .values({ ...s, userId, createdAt: now })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: s.p256dh, auth: s.auth, createdAt: now } }),
    db
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, userId), ne(pushSubscriptions.endpoint, s.endpoint), notInArray(pushSubscriptions.endpoint, newest))),
  ]);
}

export async function deleteSubscription(db: Db, userId: string, endpoint: string) {
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)));
}

export async function subscriptionsOf(db: Db, userId: string) {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).all();
}

export async function forgetEndpoint(db: Db, endpoint: string) {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
}
