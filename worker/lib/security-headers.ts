// Security headers on every response (docs/security.md, V3). The SPA's CSP allows no
// inline script: vite emits external modules only.
import { createMiddleware } from "hono/factory";

const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function applySecurityHeaders(headers: Headers, https: boolean) {
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "no-referrer");
  headers.set("x-frame-options", "DENY");
  headers.set("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  // Only over https: on plain http (local dev) browsers ignore it anyway.
  if (https) headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  if (!headers.has("content-security-policy")) headers.set("content-security-policy", csp);
}

export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  // WebSocket upgrade responses (101) carry a socket and immutable headers: leave them be.
  if (c.res.status === 101) return;
  const res = new Response(c.res.body, c.res);
  applySecurityHeaders(res.headers, new URL(c.req.url).protocol === "https:");
  c.res = res;
});
