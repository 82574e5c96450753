// The rules for files a person picks, drops or pastes, before and after they reach the server:
// what to call them, what they probably are, and what went wrong. Pure, so they run in the
// unit tests; the model that uses them is uploads.ts.
import { limits, type Attachment } from "#protocol";
import { isApiError } from "../../api/errors.ts";

export type AttachmentKind = Attachment["kind"];

/** How many files go into one message (the server's limit on attachmentIds). */
export const maxFiles = limits.attachmentsMax;

/**
 * The name sent with an upload: what the server accepts (at most limits.uploadNameMax
 * characters of well-formed text), cut in the middle of the stem so the extension survives.
 */
export function uploadName(name: string): string {
  const whole = Array.from(name.trim().toWellFormed());
  if (!whole.length) return "file";
  if (whole.length <= limits.uploadNameMax) return whole.join("");
  const ext = /\.[^.\s]{1,10}$/u.exec(whole.join(""))?.[0] ?? "";
  const extChars = Array.from(ext);
  return [...whole.slice(0, limits.uploadNameMax - extChars.length), ...extChars].join("");
}

/**
 * What a file will probably be, from its declared type, until the server (which decides by the
 * bytes) says. Only pictures and videos this browser family shows count: HEIC and SVG are not
 * shown in the chat (SVG is refused), so they are files here too.
 */
export function guessKind(type: string, name = ""): AttachmentKind {
  const t = type.toLowerCase();
  if (/^image\/(jpeg|png|gif|webp|avif)$/.test(t)) return "image";
  if (/^video\/(mp4|webm|quicktime)$/.test(t)) return "video";
  if (!t && /\.(jpe?g|png|gif|webp|avif)$/i.test(name)) return "image";
  if (!t && /\.(mp4|m4v|webm|mov)$/i.test(name)) return "video";
  return "file";
}

/** Why an upload failed, for the strip: an API error code (with the limit of a 413), or the
 * client's own "empty" for a file with no bytes (the server refuses those). */
export interface UploadError {
  code: string;
  limit?: number;
}

export function uploadError(e: unknown): UploadError {
  if (!isApiError(e)) return { code: "internal" };
  const limit = (e.details as { limit?: unknown } | undefined)?.limit;
  return typeof limit === "number" ? { code: e.code, limit } : { code: e.code };
}

/** What the uploader tells the server about a picture or video; numbers it would refuse are left out. */
export function describe(name: string, probe: { width?: number | undefined; height?: number | undefined; durationMs?: number | undefined }) {
  const dim = (n: number | undefined) => (n !== undefined && Number.isInteger(n) && n > 0 && n <= 100_000 ? n : undefined);
  const duration = probe.durationMs !== undefined && Number.isFinite(probe.durationMs) ? Math.round(probe.durationMs) : undefined;
  return {
    name: uploadName(name),
    width: dim(probe.width),
    height: dim(probe.height),
    durationMs: duration !== undefined && duration >= 0 && duration <= 24 * 3600_000 ? duration : undefined,
  };
}
