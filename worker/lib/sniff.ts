// What an upload is (docs/api.md "Media"), decided here and nowhere else. Three answers:
// - refused (null): active content, markup or script. Any one signal is enough: the bytes
//   (`activeBytes`), the file name (`activeName`) or the declared Content-Type
//   (`activeType`). Served media carry nosniff and a sandbox CSP, so the browser would not
//   run them from us; the risk is the saved copy: an HTML or SVG file opened from disk runs
//   its scripts with the rights of a local file, a .js or .hta runs in Windows Script Host.
//   So a PNG named "x.html" is refused too: saved under that name, a polyglot would run.
// - an image or a video, by the bytes only (never by the name or the claimed type): served
//   inline with the sniffed type, shown in the chat.
// - a file: anything else. Served only as a download, as application/octet-stream
//   (media/serve.ts), so no browser ever renders it.
export type Sniffed = { kind: "image" | "video" | "file"; contentType: string };

/** What the uploader says about the bytes; never trusted to make something more capable. */
export interface Claims {
  name?: string | null | undefined;
  contentType?: string | null | undefined;
}

export const SNIFF_BYTES = 64;

export const FILE_CONTENT_TYPE = "application/octet-stream";

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** Needs the first SNIFF_BYTES bytes (fewer if the file is shorter). */
export function sniff(head: Uint8Array, claims: Claims = {}): Sniffed | null {
  if (activeBytes(head) || activeName(claims.name) || activeType(claims.contentType)) return null;
  return media(head) ?? { kind: "file", contentType: FILE_CONTENT_TYPE };
}

function media(head: Uint8Array): Sniffed | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: "image", contentType: "image/jpeg" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", contentType: "image/png" };
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return { kind: "image", contentType: "image/gif" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { kind: "image", contentType: "image/webp" };
  if (ascii(head, 4, 8) === "ftyp") return isoMedia(head);
  // WebM is an EBML document whose DocType is "webm"; Matroska's is "matroska", which
  // browsers do not promise to play, so it is a file.
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(head, 0, SNIFF_BYTES).includes("webm")) {
    return { kind: "video", contentType: "video/webm" };
  }
  return null;
}

// ISO base media files all start with an `ftyp` box: MP4 video, but also AVIF and HEIC
// pictures and M4A audio. Its brands (the major one, then the compatible ones) say which.
const avifBrands = new Set(["avif", "avis"]);
const heifBrands = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "mif2"]);
const videoBrands = new Set([
  "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
  "mp41", "mp42", "mp71", "avc1", "dash", "M4V ", "M4VH", "M4VP", "f4v ", "qt  ",
]);

function isoMedia(head: Uint8Array): Sniffed | null {
  const size = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const major = ascii(head, 8, 12);
  const brands = [major];
  for (let at = 16; at + 4 <= Math.min(size, head.length); at += 4) brands.push(ascii(head, at, at + 4));
  // AVIF before HEIF: an AVIF picture may name the generic HEIF brand `mif1` as its major.
  if (brands.some((b) => avifBrands.has(b))) return { kind: "image", contentType: "image/avif" };
  if (brands.some((b) => heifBrands.has(b))) return null;
  // The major brand decides the rest: M4A audio lists `isom` and `mp42` as compatible.
  return videoBrands.has(major) ? { kind: "video", contentType: "video/mp4" } : null;
}

// Markup is text whose first character is `<`, after a byte-order mark and white space (what
// browsers sniff as HTML or XML); the tags below are looked for anywhere in the first bytes
// too, for polyglots that hide markup behind a harmless start. `#!` starts a script for an
// interpreter.
const markupTags = ["<!doctype", "<html", "<head", "<body", "<script", "<iframe", "<svg", "<?xml", "<object", "<embed", "<xsl"];

function activeBytes(head: Uint8Array): boolean {
  const text = asText(head).toLowerCase();
  const start = text.replace(/^[\ufeff\s]+/, "");
  return start.startsWith("<") || start.startsWith("#!") || markupTags.some((tag) => text.includes(tag));
}

/** The first bytes as text: UTF-16 when a UTF-16 byte-order mark says so, else one char per byte. */
function asText(head: Uint8Array): string {
  const le = startsWith(head, [0xff, 0xfe]);
  if (!le && !startsWith(head, [0xfe, 0xff])) return ascii(head, 0, head.length);
  let out = "";
  for (let at = 2; at + 1 < head.length; at += 2) out += String.fromCharCode(le ? head[at]! | (head[at + 1]! << 8) : (head[at]! << 8) | head[at + 1]!);
  return out;
}

// Names a browser renders with scripts (markup) or a desktop runs when opened (scripts).
const activeExtensions = new Set([
  "html", "htm", "shtml", "xhtml", "xht", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt",
  "js", "mjs", "cjs", "jse", "vbs", "vbe", "wsf", "wsh", "wsc", "hta", "bat", "cmd", "ps1",
]);

/** Windows drops trailing dots and spaces when saving, so "x.html. " is an HTML file. */
export function activeName(name: string | null | undefined): boolean {
  if (!name) return false;
  const trimmed = name.replace(/[.\s]+$/u, "").toLowerCase();
  const dot = trimmed.lastIndexOf(".");
  return dot >= 0 && activeExtensions.has(trimmed.slice(dot + 1));
}

const activeTypes = new Set([
  "text/html", "text/xml", "application/xml", "text/xsl", "application/xslt+xml", "image/svg+xml", "application/xhtml+xml",
  "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript",
  "text/jscript", "text/vbscript", "application/hta", "application/x-sh", "text/x-sh", "text/x-shellscript",
]);

export function activeType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(";")[0]!.trim().toLowerCase();
  return activeTypes.has(essence) || essence.endsWith("+xml");
}
