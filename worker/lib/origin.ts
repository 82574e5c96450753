// Cross-site request and WebSocket hijacking defence (docs/security.md, V3 and V4):
// a state-changing request that carries an Origin must carry ours or an allowed one, and a
// WebSocket upgrade must carry one. Cookies are SameSite=Lax, but Lax still sends them on
// top-level navigations and WebSocket handshakes are not covered by CORS at all.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../types.ts";
import { apiError } from "./errors.ts";
import { settings } from "./settings.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function originAllowed(origin: string, requestUrl: string, env: Env): boolean {
  if (origin === new URL(requestUrl).origin) return true;
  return settings(env).allowedOrigins.includes(origin);
}

export const checkOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("origin");
  const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
  if (upgrade) {
    if (!origin || !originAllowed(origin, c.req.url, c.env)) throw apiError("bad_origin");
  } else if (!safeMethods.has(c.req.method) && origin !== undefined && !originAllowed(origin, c.req.url, c.env)) {
    throw apiError("bad_origin");
  }
  await next();
});
