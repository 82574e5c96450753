// Web Push without a push library: payload encryption per RFC 8291 (aes128gcm, RFC 8188) with
// WebCrypto, which has every primitive (the whole scheme is a few HKDF calls around one ECDH
// and one AES-GCM), and VAPID authentication per RFC 8292: an ES256 JWT signed with jose, the
// JWT library the session cookies already use.
import { importJWK, SignJWT } from "jose";
import { base64url } from "../lib/ids.ts";

export interface PushSubscription {
  endpoint: string;
  p256dh: string; // base64url, 65-byte uncompressed P-256 point
  auth: string; // base64url, 16 bytes
}

export interface Vapid {
  publicKey: string; // base64url, 65-byte uncompressed point
  privateKey: string; // base64url, 32-byte scalar
  subject: string; // mailto: or https: contact
}

export function fromBase64url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const enc = new TextEncoder();
const utf8 = (s: string) => new Uint8Array(enc.encode(s));

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function hkdf(salt: Uint8Array<ArrayBuffer>, ikm: Uint8Array<ArrayBuffer>, info: Uint8Array<ArrayBuffer>, bytes: number) {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, bytes * 8));
}

/** Encrypts `plaintext` for one subscription as a single aes128gcm record. */
export async function encryptPayload(sub: PushSubscription, plaintext: Uint8Array, salt: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(16))) {
  const uaPublic = fromBase64url(sub.p256dh);
  const authSecret = fromBase64url(sub.auth);
  const local = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair;
  const asPublic = new Uint8Array((await crypto.subtle.exportKey("raw", local.publicKey)) as ArrayBuffer);
  const uaKey = await crypto.subtle.importKey("raw", uaPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  const ecdhSecret = new Uint8Array(await crypto.subtle.deriveBits(
    // workers-types spells the member `$public`; the runtime (and WebCrypto) reads `public`.
    { name: "ECDH", public: uaKey } as unknown as SubtleCryptoDeriveKeyAlgorithm,
    local.privateKey,
    256,
  ));

  const ikm = await hkdf(authSecret, ecdhSecret, concat(utf8("WebPush: info\0"), uaPublic, asPublic), 32);
  const cek = await hkdf(salt, ikm, utf8("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, utf8("Content-Encoding: nonce\0"), 12);
  const key = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["encrypt"]);
  // 0x02 marks the last (and only) record; no padding.
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, key, concat(plaintext, new Uint8Array([2]))));

  const recordSize = 4096;
  const header = new Uint8Array(16 + 4 + 1 + asPublic.byteLength);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, recordSize);
  header[20] = asPublic.byteLength;
  header.set(asPublic, 21);
  return concat(header, sealed);
}

/** The VAPID Authorization header for a push service origin. */
export async function vapidAuthorization(vapid: Vapid, endpoint: string, now = Date.now()) {
  const pub = fromBase64url(vapid.publicKey);
  const jwk = { kty: "EC", crv: "P-256", x: base64url(pub.subarray(1, 33)), y: base64url(pub.subarray(33, 65)), d: vapid.privateKey };
  const key = await importJWK(jwk, "ES256");
  const jwt = await new SignJWT({ sub: vapid.subject })
    .setProtectedHeader({ typ: "JWT", alg: "ES256" })
    .setAudience(new URL(endpoint).origin)
    .setExpirationTime(Math.floor(now / 1000) + 12 * 3600)
    .sign(key);
  return `vapid t=${jwt}, k=${vapid.publicKey}`;
}

export async function pushRequest(vapid: Vapid, sub: PushSubscription, payload: unknown) {
  const body = await encryptPayload(sub, enc.encode(JSON.stringify(payload)));
  return new Request(sub.endpoint, {
    method: "POST",
    headers: {
      authorization: await vapidAuthorization(vapid, sub.endpoint),
      "content-encoding": "aes128gcm",
      "content-type": "application/octet-stream",
      ttl: String(24 * 3600),
      urgency: "normal",
    },
    body,
  });
}

/** Whether `p256dh` is a point on P-256 (WebCrypto refuses any other 65 bytes): a key that
 * is not would make every encryption for the subscription throw, so it is refused at the door. */
export async function isP256Point(p256dh: string): Promise<boolean> {
  try {
    await crypto.subtle.importKey("raw", fromBase64url(p256dh), { name: "ECDH", namedCurve: "P-256" }, false, []);
    return true;
  } catch {
    return false;
  }
}

/** Push endpoints must be on a known push service: `*.example.com` matches subdomains of
 * example.com, anything else matches exactly. */
export function hostAllowed(host: string, patterns: string[]) {
  const h = host.toLowerCase();
  return patterns.some((p) => (p.startsWith("*.") ? h.endsWith(p.slice(1)) : h === p));
}

export function vapidFrom(env: Env): Vapid | null {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = env;
  if (!VAPID_PUBLIC_KEY || !VAPID_PRIVATE_KEY) return null;
  return { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject: VAPID_SUBJECT || "mailto:admin@localhost" };
}
