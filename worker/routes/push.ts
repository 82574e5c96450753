// Web Push subscriptions (docs/api.md "Web Push").
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { hostAllowed, isP256Point, vapidFrom } from "../inbox/web-push.ts";
import { apiError } from "../lib/errors.ts";
import { settings } from "../lib/settings.ts";
import { validate } from "../lib/validate.ts";
import { subscribe, unsubscribe } from "../services/push.ts";
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
    if (!(await isP256Point(keys.p256dh))) {
      throw apiError("invalid_request", { message: "keys.p256dh: not a P-256 public key", details: [{ path: "keys.p256dh", message: "not a P-256 public key" }] });
    }
    await subscribe(c.env, c.var.user.id, { endpoint, p256dh: keys.p256dh, auth: keys.auth });
    return c.body(null, 201);
  })
  .delete("/subscriptions", validate("json", pushUnsubscribeBody), async (c) => {
    await unsubscribe(c.env, c.var.user.id, c.req.valid("json").endpoint);
    return c.body(null, 204);
  });
