// What an upload is (docs/api.md "Media"): images and videos by their first bytes only; markup
// and scripts refused by their bytes, their name or their declared type; everything else a
// file. The byte signatures are written out here from the formats' specifications (ISO/IEC
// 14496-12 for `ftyp` boxes, the AVIF and HEIF brand registrations, EBML for WebM), not
// taken from the code.
import { describe, expect, it } from "vitest";
import { sniff } from "../../../worker/lib/sniff.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((ch) => ch.charCodeAt(0)) : p)));
const pad = (b: Uint8Array, n = 64) => {
  const out = new Uint8Array(Math.max(n, b.length));
  out.set(b);
  return out;
};
/** An `ftyp` box: size, "ftyp", the major brand, a minor version, the compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => pad(bytes([0, 0, 0, 16 + 4 * compatible.length], "ftyp", major, [0, 0, 0, 0], compatible.join("")));
const utf16le = (s: string) => new Uint8Array([0xff, 0xfe, ...[...s].flatMap((ch) => [ch.charCodeAt(0), 0])]);

const image = (contentType: string) => ({ kind: "image", contentType });
const video = (contentType: string) => ({ kind: "video", contentType });
const file = { kind: "file", contentType: "application/octet-stream" };

describe("sniffing an upload's type from its bytes", () => {
  it("knows JPEG, PNG, GIF (87a and 89a) and WebP pictures", () => {
    expect(sniff(pad(bytes([0xff, 0xd8, 0xff, 0xe0])))).toEqual(image("image/jpeg"));
    expect(sniff(pad(bytes([0x89], "PNG\r\n", [0x1a], "\n")))).toEqual(image("image/png"));
    expect(sniff(pad(bytes("GIF87a")))).toEqual(image("image/gif"));
    expect(sniff(pad(bytes("GIF89a", [1, 0, 1, 0])))).toEqual(image("image/gif"));
    expect(sniff(pad(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ")))).toEqual(image("image/webp"));
  });

  it("takes an ftyp box for MP4 video only when its major brand is a video brand", () => {
    for (const brand of ["isom", "iso2", "mp41", "mp42", "avc1", "M4V ", "qt  "]) {
      expect(sniff(ftyp(brand, "isom", "mp41")), brand).toEqual(video("video/mp4"));
    }
    // M4A audio names video brands as compatible ones; its major brand says audio.
    expect(sniff(ftyp("M4A ", "M4A ", "mp42", "isom"))).toEqual(file);
    expect(sniff(ftyp("3gp4", "3gp4"))).toEqual(file);
  });

  it("knows AVIF pictures by their brand, also behind the generic HEIF major brand", () => {
    expect(sniff(ftyp("avif", "avif", "mif1", "miaf", "MA1B"))).toEqual(image("image/avif"));
    expect(sniff(ftyp("avis", "avis", "msf1", "miaf"))).toEqual(image("image/avif"));
    expect(sniff(ftyp("mif1", "mif1", "avif", "miaf"))).toEqual(image("image/avif"));
  });

  it("takes HEIC and HEIF pictures for files: browsers do not show them", () => {
    expect(sniff(ftyp("heic", "mif1", "heic"))).toEqual(file);
    expect(sniff(ftyp("mif1", "mif1", "heic"))).toEqual(file);
    expect(sniff(ftyp("heix", "mif1", "heix"))).toEqual(file);
    expect(sniff(ftyp("msf1", "msf1", "hevc"))).toEqual(file);
  });

  it("knows WebM by its EBML DocType, and takes Matroska for a file", () => {
    expect(sniff(pad(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm")))).toEqual(video("video/webm"));
    expect(sniff(pad(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], "matroska")))).toEqual(file);
  });

  it("takes documents, archives, audio and unknown bytes for files", () => {
    expect(sniff(pad(bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")))).toEqual(file);
    expect(sniff(pad(bytes("PK", [3, 4, 20, 0])))).toEqual(file);
    expect(sniff(pad(bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ")))).toEqual(file);
    expect(sniff(pad(bytes("ID3", [4, 0, 0])))).toEqual(file);
    expect(sniff(pad(bytes("just some notes, nothing more")))).toEqual(file);
    expect(sniff(bytes([0xff, 0xd8]))).toEqual(file);
    expect(sniff(new Uint8Array())).toEqual(file);
  });
});

describe("refusing active content", () => {
  it("refuses markup by its bytes: HTML, SVG, XML, after a byte-order mark or white space too", () => {
    for (const text of [
      "<svg xmlns='http://www.w3.org/2000/svg'>",
      "<!DOCTYPE html><html>",
      "<html><script>",
      "<?xml version='1.0'?><root/>",
      "\ufeff<html>",
      "\xef\xbb\xbf<svg>",
      " \r\n\t<p>hello</p>",
      "<b>bold</b>",
    ]) {
      expect(sniff(pad(bytes(text))), JSON.stringify(text)).toBeNull();
    }
    expect(sniff(pad(utf16le("<html><body>")))).toBeNull();
  });

  it("refuses scripts by their bytes (#!) and markup hidden behind a harmless start", () => {
    expect(sniff(pad(bytes("#!/bin/sh\nrm -rf ~\n")))).toBeNull();
    expect(sniff(pad(bytes("GIF89a/*", [0, 0], "*/=1;<script>alert(1)</script>")))).toBeNull();
    expect(sniff(pad(bytes("hello <SCRIPT src=x>")))).toBeNull();
    expect(sniff(pad(bytes("PK", [3, 4], "<iframe src=x>")))).toBeNull();
  });

  it("refuses active names whatever the bytes, also with the trailing dots and spaces Windows drops", () => {
    const png = pad(bytes([0x89], "PNG\r\n", [0x1a], "\n"));
    for (const name of ["x.html", "x.HTM", "drawing.svg", "feed.xml", "run.js", "setup.hta", "go.bat", "x.html.", "x.html . ", "a.vbs"]) {
      expect(sniff(png, { name }), name).toBeNull();
    }
    for (const name of ["photo.png", "html", "notes.txt", "svg.png", "archive.tar.gz", "report.pdf", ""]) {
      expect(sniff(png, { name }), name).toEqual(image("image/png"));
    }
  });

  it("refuses active declared types whatever the bytes", () => {
    const pdf = pad(bytes("%PDF-1.7\n"));
    for (const contentType of ["text/html", "TEXT/HTML; charset=utf-8", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/rss+xml", "text/javascript", "application/x-sh"]) {
      expect(sniff(pdf, { contentType }), contentType).toBeNull();
    }
    for (const contentType of ["application/pdf", "application/octet-stream", "", "image/png", "application/postscript", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]) {
      expect(sniff(pdf, { contentType }), contentType).toEqual(file);
    }
  });
});
