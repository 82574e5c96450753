// Web Push subscriptions in D1.
import { and, eq } from "drizzle-orm";
import { nowIso } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { pushSubscriptions } from "./schema.ts";

/** A browser's endpoint belongs to whoever subscribed with it last (a shared computer). */
export async function saveSubscription(db: Db, userId: string, s: { endpoint: string; p256dh: string; auth: string }) {
  await db
    .insert(pushSubscriptions)
    .values({ ...s, userId, createdAt: nowIso() })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: s.p256dh, auth: s.auth } });
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
