// Upload types come from the first bytes (docs/api.md "Media"): JPEG, PNG, GIF and WebP images,
// MP4 and WebM video; anything else, SVG, HTML and Matroska included, is refused. The byte
// signatures are written out here from the formats' specifications, not taken from the code.
import { describe, expect, it } from "vitest";
import { sniff } from "../../../worker/lib/sniff.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((ch) => ch.charCodeAt(0)) : p)));
const pad = (b: Uint8Array, n = 64) => {
  const out = new Uint8Array(Math.max(n, b.length));
  out.set(b);
  return out;
};

describe("sniffing an upload's type from its bytes", () => {
  it("knows the four image formats", () => {
    expect(sniff(pad(bytes([0xff, 0xd8, 0xff, 0xe0])))).toEqual({ kind: "image", contentType: "image/jpeg" });
    expect(sniff(pad(bytes([0x89], "PNG\r\n", [0x1a], "\n")))).toEqual({ kind: "image", contentType: "image/png" });
    expect(sniff(pad(bytes("GIF87a")))).toEqual({ kind: "image", contentType: "image/gif" });
    expect(sniff(pad(bytes("GIF89a")))).toEqual({ kind: "image", contentType: "image/gif" });
    expect(sniff(pad(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ")))).toEqual({ kind: "image", contentType: "image/webp" });
  });

  it("knows MP4 by its ftyp box and WebM by its EBML DocType", () => {
    expect(sniff(pad(bytes([0, 0, 0, 0x20], "ftypisom")))).toEqual({ kind: "video", contentType: "video/mp4" });
    expect(sniff(pad(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm")))).toEqual({ kind: "video", contentType: "video/webm" });
  });

  it("refuses Matroska, which shares WebM's EBML header but not its DocType", () => {
    expect(sniff(pad(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], "matroska")))).toBeNull();
  });

  it("refuses script-carrying and unknown formats whatever they are called", () => {
    for (const text of ["<svg xmlns='http://www.w3.org/2000/svg'>", "<!DOCTYPE html><html>", "<html><script>", "%PDF-1.7", "PK\u0003\u0004"]) {
      expect(sniff(pad(bytes(text))), text).toBeNull();
    }
    expect(sniff(pad(bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ")))).toBeNull();
  });

  it("refuses a file too short to carry a signature", () => {
    expect(sniff(bytes([0xff, 0xd8]))).toBeNull();
    expect(sniff(new Uint8Array())).toBeNull();
  });
});
