// The session cookie: a JWT (HS256 only, with `iss`, `aud` and `exp` checked) whose `sid` is
// the secret half of a server-side session. The JWT alone grants nothing: the session row
// must exist, so logout and revocation take effect at once.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { jwtVerify, SignJWT } from "jose";

const ISSUER = "qmessenger";
const AUDIENCE = "qmessenger-web";

/** HS256 is only as strong as its key: refuse to run with a short or missing secret. The
 * auth routes call this before writing anything, so a misconfigured server fails cleanly. */
export function assertSigningKey(env: Env) {
  if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) throw new Error("JWT_SECRET must be set to at least 32 characters");
}

const key = (env: Env) => {
  assertSigningKey(env);
  return new TextEncoder().encode(env.JWT_SECRET);
};

export async function signSessionToken(env: Env, sid: string, userId: string, expiresAt: Date) {
  return new SignJWT({ sid })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(env));
}

/** The session secret in a valid token, or null for anything forged, expired or malformed. */
export async function readSessionToken(env: Env, token: string): Promise<{ sid: string; userId: string } | null> {
  try {
    const { payload } = await jwtVerify(token, key(env), { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ["exp", "sub"] });
    return typeof payload.sid === "string" && typeof payload.sub === "string" ? { sid: payload.sid, userId: payload.sub } : null;
  } catch {
    return null;
  }
}

/** On https the cookie gets `Secure` and the `__Host-` prefix; plain http (local dev) cannot. */
function cookieName(url: string) {
  return new URL(url).protocol === "https:" ? "__Host-qm_session" : "qm_session";
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date) {
  const secure = new URL(c.req.url).protocol === "https:";
  setCookie(c, cookieName(c.req.url), token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context) {
  const secure = new URL(c.req.url).protocol === "https:";
  deleteCookie(c, cookieName(c.req.url), { path: "/", secure, httpOnly: true, sameSite: "Lax" });
}

export function sessionCookie(c: Context) {
  return getCookie(c, cookieName(c.req.url));
}
