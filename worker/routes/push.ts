// Web Push subscriptions (API.md "Web Push").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { deleteSubscription, saveSubscription, subscriptionsOf } from "../db/push.ts";
import { inboxStub } from "../rooms/stubs.ts";
import { hostAllowed, vapidFrom } from "../inbox/web-push.ts";
import { apiError } from "../lib/errors.ts";
import { settings } from "../lib/settings.ts";
import { validate } from "../lib/validate.ts";
import { pushSubscriptionBody, pushUnsubscribeBody, type PushKeyResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const pushRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/key", (c) => {
    const vapid = vapidFrom(c.env);
    if (!vapid) throw apiError("not_found", { message: "Push is not configured on this server." });
    return c.json({ publicKey: vapid.publicKey } satisfies PushKeyResponse, 200);
  })
  .post("/subscriptions", validate("json", pushSubscriptionBody), async (c) => {
    const { endpoint, keys } = c.req.valid("json");
    // The Worker will POST to this URL for every new message: only real push services.
    if (!hostAllowed(new URL(endpoint).hostname, settings(c.env).pushServiceHosts)) {
      throw apiError("invalid_request", { message: "endpoint: not a known push service", details: [{ path: "endpoint", message: "not a known push service" }] });
    }
    await saveSubscription(getDb(c.env), c.var.user.id, { endpoint, p256dh: keys.p256dh, auth: keys.auth });
    await inboxStub(c.env, c.var.user.id).setPushEnabled(true);
    return c.body(null, 201);
  })
  .delete("/subscriptions", validate("json", pushUnsubscribeBody), async (c) => {
    const db = getDb(c.env);
    await deleteSubscription(db, c.var.user.id, c.req.valid("json").endpoint);
    await inboxStub(c.env, c.var.user.id).setPushEnabled((await subscriptionsOf(db, c.var.user.id)).length > 0);
    return c.body(null, 204);
  });
