// The Hono app: cross-cutting middleware, then one sub-app per domain.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { HealthResponse } from "#protocol";
import { errorResponse } from "./lib/errors.ts";
import { jsonBody } from "./lib/json-body.ts";
import { errorLine } from "./lib/log.ts";
import { checkOrigin } from "./lib/origin.ts";
import { securityHeaders } from "./lib/security-headers.ts";
import { authRoutes } from "./routes/auth.ts";
import { blockRoutes } from "./routes/blocks.ts";
import { chatRoutes } from "./routes/chats.ts";
import { myAvatarRoutes, userAvatarRoutes } from "./routes/avatars.ts";
import { directRoutes } from "./routes/direct.ts";
import { chatMediaRoutes, mediaRoutes } from "./routes/media.ts";
import { inviteRoutes } from "./routes/invites.ts";
import { chatLinkRoutes, linkRoutes } from "./routes/links.ts";
import { memberRoutes } from "./routes/members.ts";
import { meRoutes } from "./routes/me.ts";
import { messageRoutes } from "./routes/messages.ts";
import { pushRoutes } from "./routes/push.ts";
import { realtimeRoutes } from "./routes/realtime.ts";
import { searchRoutes } from "./routes/search.ts";
import { userRoutes } from "./routes/users.ts";
import type { AppEnv } from "./types.ts";

const api = new Hono<AppEnv>()
  .use(checkOrigin)
  .use(jsonBody)
  .get("/health", (c) => c.json({ ok: true, version: c.env.APP_VERSION } satisfies HealthResponse, 200))
  .route("/auth", authRoutes)
  .route("/me", meRoutes)
  .route("/me", myAvatarRoutes)
  .route("/me", blockRoutes)
  .route("/users", userRoutes)
  .route("/users", userAvatarRoutes)
  .route("/chats", chatRoutes)
  .route("/chats", messageRoutes)
  .route("/chats", memberRoutes)
  .route("/chats", chatLinkRoutes)
  .route("/chats", chatMediaRoutes)
  .route("/media", mediaRoutes)
  .route("/links", linkRoutes)
  .route("/direct", directRoutes)
  .route("/invites", inviteRoutes)
  .route("/search", searchRoutes)
  .route("/push", pushRoutes)
  .route("/", realtimeRoutes);

export const app = new Hono<AppEnv>()
  .use(securityHeaders)
  .route("/api", api)
  .all("/api/*", () => errorResponse("not_found"))
  // Everything else is the SPA (wrangler serves assets first; this covers the Worker-first paths).
  .all("*", (c) => c.env.ASSETS.fetch(c.req.raw));

app.notFound(() => errorResponse("not_found"));

app.onError((err, c) => {
  if (err instanceof HTTPException) {
    const res = err.getResponse();
    if (res.headers.get("content-type")?.startsWith("application/json")) return res;
    // Hono's own exceptions (malformed JSON, bad content-type) get the documented body too.
    return errorResponse(err.status >= 500 ? "internal" : "invalid_request", { message: err.message || undefined });
  }
  // Never leak a stack or an internal message; log it structured, without request bodies.
  // Invite-link tokens are credentials: they never reach the log.
  const path = new URL(c.req.url).pathname.replace(/\/(links|join)\/[^/]+/, "/$1/<token>");
  console.error(errorLine("unhandled", { method: c.req.method, path }, err));
  return errorResponse("internal");
});
