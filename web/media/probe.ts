// What the browser can tell about a picked file before it is sent: a picture's size, a video's
// size and duration, and a small picture of either (a scaled-down copy, a video's first frame)
// to send as its thumbnail and to show in the upload strip. Browser-only (createImageBitmap,
// canvas, a detached <video>); the models reach it through IO (state/io.ts). It never throws:
// a file the browser cannot decode is simply sent without these.
import { fitWithin } from "./fit.ts";

export interface Probe {
  width?: number;
  height?: number;
  durationMs?: number;
  /** A JPEG or WebP picture of it, small enough for MAX_THUMBNAIL_BYTES' default. */
  thumbnail: Blob | null;
}

/** The thumbnail's longer side: sharp in a 320 px box on a 2x screen. */
const thumbnailSide = 640;
/** The server's default MAX_THUMBNAIL_BYTES is 512 KiB; a smaller target leaves room. */
const thumbnailBytes = 400 * 1024;
/** A video the browser cannot open within this long is sent without a thumbnail. */
const videoTimeoutMs = 10_000;

export async function probe(file: Blob, kind: "image" | "video" | "file"): Promise<Probe> {
  try {
    if (kind === "image") return await probeImage(file);
    if (kind === "video") return await probeVideo(file);
  } catch {
    // Not decodable here (a format this browser lacks, a damaged file): sent as it is.
  }
  return { thumbnail: null };
}

async function probeImage(file: Blob): Promise<Probe> {
  // createImageBitmap applies the EXIF orientation, so width and height are as shown.
  const bitmap = await createImageBitmap(file);
  try {
    return { width: bitmap.width, height: bitmap.height, thumbnail: await picture(bitmap, bitmap.width, bitmap.height) };
  } finally {
    bitmap.close();
  }
}

async function probeVideo(file: Blob): Promise<Probe> {
  const url = URL.createObjectURL(file);
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.preload = "auto";
  try {
    video.src = url;
    await until(video, "loadeddata");
    // Recordings made by MediaRecorder carry no duration: seeking far past the end makes the
    // browser find it, then back to the first frame.
    if (!Number.isFinite(video.duration)) {
      video.currentTime = Number.MAX_SAFE_INTEGER;
      await until(video, "seeked");
      video.currentTime = 0;
      await until(video, "seeked");
    }
    const probe: Probe = { width: video.videoWidth, height: video.videoHeight, thumbnail: await picture(video, video.videoWidth, video.videoHeight) };
    if (Number.isFinite(video.duration)) probe.durationMs = Math.round(video.duration * 1000);
    return probe;
  } finally {
    video.removeAttribute("src");
    video.load();
    URL.revokeObjectURL(url);
  }
}

function until(video: HTMLVideoElement, event: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no ${event} within ${videoTimeoutMs} ms`)), videoTimeoutMs);
    const ok = () => done();
    const failed = () => done(new Error("the browser cannot play this video"));
    function done(err?: Error) {
      clearTimeout(timer);
      video.removeEventListener(event, ok);
      video.removeEventListener("error", failed);
      if (err) reject(err);
      else resolve();
    }
    video.addEventListener(event, ok);
    video.addEventListener("error", failed);
  });
}

/** A scaled-down WebP of `source` (JPEG where the browser cannot encode WebP), or null. */
async function picture(source: CanvasImageSource, width: number, height: number): Promise<Blob | null> {
  const size = fitWithin(width, height, thumbnailSide);
  if (!size) return null;
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, size.width, size.height);
  for (const [type, quality] of [["image/webp", 0.8], ["image/jpeg", 0.8], ["image/jpeg", 0.6]] as const) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
    // A browser that cannot encode `type` hands back a PNG instead, which the server refuses.
    if (blob && blob.type === type && blob.size <= thumbnailBytes) return blob;
  }
  return null;
}
