// What the history needs to lay out attachments, as pure functions: the box a picture or video
// takes before it loads (so nothing jumps when it does), the pictures the viewer steps
// through, and which icon a file card shows.
import type { Attachment, Message } from "#protocol";
import { fitWithin } from "../../media/fit.ts";

/** The longest side of a picture or video in the history, in CSS pixels. */
export const tileMax = 320;
/** The box of a picture whose size nobody told the server (another client's upload). */
const unknownBox = { width: 240, height: 180 } as const;

/** The box reserved for an attachment in the history; it may shrink (keeping its shape) to fit a narrow screen. */
export function tileBox(a: Pick<Attachment, "width" | "height">): { width: number; height: number } {
  return fitWithin(a.width, a.height, tileMax) ?? unknownBox;
}

/** The chat's pictures in history order, for stepping through them in the viewer. */
export function chatImages(messages: Message[]): Attachment[] {
  return messages.flatMap((m) => (m.deleted ? [] : m.attachments.filter((a) => a.kind === "image")));
}

/** What to draw for the picture: the thumbnail where there is one, except for a GIF, whose
 * thumbnail would stop it moving. */
export function tileSource(a: Pick<Attachment, "url" | "thumbnailUrl" | "contentType">): string {
  return a.contentType === "image/gif" || !a.thumbnailUrl ? a.url : a.thumbnailUrl;
}

export type FileIcon = "pdf" | "archive" | "audio" | "video" | "image" | "doc" | "sheet" | "slides" | "text" | "file";

const byExtension: Record<string, FileIcon> = {
  pdf: "pdf",
  zip: "archive", rar: "archive", "7z": "archive", tar: "archive", gz: "archive", tgz: "archive", bz2: "archive", xz: "archive", zst: "archive",
  mp3: "audio", m4a: "audio", aac: "audio", ogg: "audio", oga: "audio", opus: "audio", wav: "audio", flac: "audio", weba: "audio",
  mkv: "video", avi: "video", mov: "video", wmv: "video", "3gp": "video",
  heic: "image", heif: "image", tif: "image", tiff: "image", bmp: "image", psd: "image", raw: "image", dng: "image",
  doc: "doc", docx: "doc", odt: "doc", rtf: "doc", pages: "doc",
  xls: "sheet", xlsx: "sheet", ods: "sheet", csv: "sheet", numbers: "sheet",
  ppt: "slides", pptx: "slides", odp: "slides", key: "slides",
  txt: "text", md: "text", log: "text", json: "text",
};

/** The kind of icon for a file card, from the name's extension. */
export function fileIcon(name: string): FileIcon {
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1];
  return ext && Object.hasOwn(byExtension, ext) ? byExtension[ext]! : "file";
}
