// Upload types come from the bytes, never from the client's Content-Type or file name
// (docs/api.md "Media"): a file that claims to be a PNG but starts like HTML is refused.
// SVG and HTML are never accepted: both can carry script.
export type Sniffed = { kind: "image" | "video"; contentType: string };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** Needs the first 64 bytes (fewer if the file is shorter). */
export function sniff(head: Uint8Array): Sniffed | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: "image", contentType: "image/jpeg" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", contentType: "image/png" };
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return { kind: "image", contentType: "image/gif" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { kind: "image", contentType: "image/webp" };
  if (ascii(head, 4, 8) === "ftyp") return { kind: "video", contentType: "video/mp4" };
  // WebM is an EBML document whose DocType is "webm" (Matroska's is "matroska": refused).
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(head, 0, Math.min(head.length, 64)).includes("webm")) {
    return { kind: "video", contentType: "video/webm" };
  }
  return null;
}

export const SNIFF_BYTES = 64;
