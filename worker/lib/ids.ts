// Ids are random, not sequential: a chat or session id must not be guessable from another.
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A 20-character base36 id (~103 bits). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let out = "";
  for (const b of bytes) out += alphabet[b % 36];
  return out;
}

export function base64url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function randomToken(byteLength = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const nowIso = () => new Date().toISOString();

/** The first `n` UTF-16 units of `s`, never cutting a surrogate pair in half (an excerpt
 * must stay valid Unicode, or JSON encoders turn half an emoji into U+FFFD). */
export function clip(s: string, n: number) {
  if (s.length <= n) return s;
  const code = s.charCodeAt(n - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** The search's case folding; it lives in the protocol because the web app finds the match
 * to highlight with the same rule. */
export { fold } from "../protocol/rules.ts";
