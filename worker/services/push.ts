// Web Push subscriptions live in D1; each user's Inbox keeps a flag "has any subscription" in
// its own storage, so that a notice for a user without one costs no D1 query. Both change
// together here.
import { getDb } from "../db/client.ts";
import { deleteSubscription, saveSubscription, subscriptionsOf } from "../db/push.ts";
import { limits } from "#protocol";
import { inboxStub } from "./stubs.ts";

export async function subscribe(env: Env, userId: string, sub: { endpoint: string; p256dh: string; auth: string }) {
  await saveSubscription(getDb(env), userId, sub, limits.pushSubscriptionsPerUser);
  await inboxStub(env, userId).setPushEnabled(true);
}

export async function unsubscribe(env: Env, userId: string, endpoint: string) {
  const db = getDb(env);
  await deleteSubscription(db, userId, endpoint);
  await inboxStub(env, userId).setPushEnabled((await subscriptionsOf(db, userId)).length > 0);
}
