// Laying out attachments in the history: boxes reserved from the sizes the uploader sent, the
// pictures the viewer steps through, GIFs kept moving, and file icons by extension.
import { describe, expect, it } from "vitest";
import type { Attachment } from "#protocol";
import { chatImages, fileIcon, tileBox, tileSource } from "../../../../web/components/media/gallery.ts";
import { message } from "../fixtures.ts";

const att = (id: string, kind: Attachment["kind"], over: Partial<Attachment> = {}): Attachment => ({
  id,
  kind,
  contentType: kind === "image" ? "image/jpeg" : kind === "video" ? "video/webm" : "application/octet-stream",
  size: 1,
  name: id,
  width: null,
  height: null,
  durationMs: null,
  url: `/api/media/${id}`,
  thumbnailUrl: null,
  ...over,
});

describe("the box of a picture or video", () => {
  it("keeps the shape, scaled down to 320 px on the longer side, never up", () => {
    expect(tileBox({ width: 4000, height: 3000 })).toEqual({ width: 320, height: 240 });
    expect(tileBox({ width: 1080, height: 1920 })).toEqual({ width: 180, height: 320 });
    expect(tileBox({ width: 100, height: 50 })).toEqual({ width: 100, height: 50 });
    expect(tileBox({ width: 10_000, height: 1 })).toEqual({ width: 320, height: 1 });
  });

  it("gives a picture of unknown size a fixed box", () => {
    expect(tileBox({ width: null, height: 300 })).toEqual({ width: 240, height: 180 });
    expect(tileBox({ width: 0, height: 0 })).toEqual({ width: 240, height: 180 });
  });
});

describe("the pictures of a chat", () => {
  it("lists every picture in history order, across messages, leaving out videos, files and deleted messages", () => {
    const messages = [
      message(1, { attachments: [att("a", "image"), att("v", "video"), att("b", "image")] }),
      message(2, { attachments: [att("gone", "image")], deleted: true }),
      message(3, { attachments: [att("f", "file")] }),
      message(4, { attachments: [att("c", "image")] }),
    ];
    expect(chatImages(messages).map((a) => a.id)).toEqual(["a", "b", "c"]);
  });
});

describe("what a tile draws", () => {
  it("draws the thumbnail when there is one, and a GIF itself so it keeps moving", () => {
    expect(tileSource(att("a", "image", { thumbnailUrl: "/t" }))).toBe("/t");
    expect(tileSource(att("a", "image"))).toBe("/api/media/a");
    expect(tileSource(att("g", "image", { contentType: "image/gif", thumbnailUrl: "/t" }))).toBe("/api/media/g");
  });
});

describe("file icons", () => {
  it("picks an icon by extension, in any case, and a plain one otherwise", () => {
    expect(fileIcon("Report.PDF")).toBe("pdf");
    expect(fileIcon("backup.tar.gz")).toBe("archive");
    expect(fileIcon("song.mp3")).toBe("audio");
    expect(fileIcon("IMG_0001.HEIC")).toBe("image");
    expect(fileIcon("budget.xlsx")).toBe("sheet");
    expect(fileIcon("README")).toBe("file");
    expect(fileIcon("weird.toString")).toBe("file");
    expect(fileIcon("x.constructor")).toBe("file");
    expect(fileIcon("x.__proto__")).toBe("file");
  });
});
