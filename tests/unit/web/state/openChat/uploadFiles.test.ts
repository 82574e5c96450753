// Picked files before the server sees them: the name it will accept, what they probably are,
// what the strip says when one fails, and the numbers it would refuse left out.
import { describe as group, expect, it } from "vitest";
import { ApiError } from "../../../../../web/api/errors.ts";
import { describe, guessKind, uploadError, uploadName } from "../../../../../web/state/openChat/uploadFiles.ts";

group("the name sent with an upload", () => {
  it("keeps a usual name as it is, trimmed", () => {
    expect(uploadName("  Отчёт за май.pdf ")).toBe("Отчёт за май.pdf");
  });

  it("cuts a long name to 200 characters, keeping its extension and whole characters", () => {
    const cut = uploadName(`${"я".repeat(300)}.docx`);
    expect(Array.from(cut)).toHaveLength(200);
    expect(cut.endsWith(".docx")).toBe(true);
    const emoji = uploadName("📷".repeat(250));
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji.isWellFormed()).toBe(true);
  });

  it("mends lone surrogates (which the server refuses) and names a nameless file", () => {
    expect(uploadName("a\ud800b.txt").isWellFormed()).toBe(true);
    expect(uploadName("   ")).toBe("file");
  });
});

group("what a picked file probably is", () => {
  it("takes the pictures and videos the chat shows by their declared type", () => {
    expect(guessKind("image/jpeg")).toBe("image");
    expect(guessKind("image/avif")).toBe("image");
    expect(guessKind("video/webm")).toBe("video");
    expect(guessKind("video/mp4")).toBe("video");
  });

  it("takes HEIC, SVG, PDFs and anything else for files", () => {
    expect(guessKind("image/heic")).toBe("file");
    expect(guessKind("image/svg+xml")).toBe("file");
    expect(guessKind("application/pdf")).toBe("file");
    expect(guessKind("audio/mpeg")).toBe("file");
  });

  it("falls back to the extension only when no type was declared", () => {
    expect(guessKind("", "IMG_1.JPG")).toBe("image");
    expect(guessKind("", "clip.webm")).toBe("video");
    expect(guessKind("", "notes")).toBe("file");
    expect(guessKind("text/plain", "fake.png")).toBe("file");
  });
});

group("why an upload failed", () => {
  it("keeps the API's code and a 413's limit", () => {
    expect(uploadError(new ApiError("too_large", 413, "x", null, { limit: 1000 }))).toEqual({ code: "too_large", limit: 1000 });
    expect(uploadError(new ApiError("unsupported_media_type", 415, "x"))).toEqual({ code: "unsupported_media_type" });
    expect(uploadError(new ApiError("network", 0, "x"))).toEqual({ code: "network" });
    expect(uploadError(new Error("?"))).toEqual({ code: "internal" });
  });
});

group("what is told about a file", () => {
  it("sends sizes and durations the server accepts and leaves the rest out", () => {
    expect(describe("a.png", { width: 800, height: 600 })).toEqual({ name: "a.png", width: 800, height: 600, durationMs: undefined });
    expect(describe("v.webm", { width: 0, height: 200_000, durationMs: 1234.6 })).toEqual({ name: "v.webm", width: undefined, height: undefined, durationMs: 1235 });
    expect(describe("v.webm", { durationMs: Infinity })).toMatchObject({ durationMs: undefined });
    expect(describe("v.webm", { durationMs: 25 * 3600_000 })).toMatchObject({ durationMs: undefined });
  });
});
