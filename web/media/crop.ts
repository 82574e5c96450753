// Square crop of a picture for an avatar: the pure geometry (which square of the source a zoom
// and a position pick) and drawing it onto a canvas. The server stores what it gets, so the
// crop and the downscale happen here: a 12-megapixel photo leaves as a 512 px square.

export interface CropView {
  /** 1 = the largest square that fits; 4 = a quarter of that side. */
  zoom: number;
  /** Where the square sits along the spare width and height: 0 = start, 1 = end. */
  x: number;
  y: number;
}

export interface Rect {
  sx: number;
  sy: number;
  side: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The square of a `width` x `height` source that `view` shows. */
export function cropRect(width: number, height: number, view: CropView): Rect {
  const side = Math.min(width, height) / clamp(view.zoom, 1, 4);
  return { sx: (width - side) * clamp(view.x, 0, 1), sy: (height - side) * clamp(view.y, 0, 1), side };
}

export const avatarSide = 512;

/** Draws the crop of `source` onto `canvas` (its own pixel size). */
export function drawCrop(canvas: HTMLCanvasElement, source: ImageBitmap, view: CropView): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const { sx, sy, side } = cropRect(source.width, source.height, view);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, sx, sy, side, side, 0, 0, canvas.width, canvas.height);
}

/** The crop as a WebP (PNG where the browser cannot encode WebP), avatarSide px square. */
export function cropToBlob(source: ImageBitmap, view: CropView): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = avatarSide;
  canvas.height = avatarSide;
  drawCrop(canvas, source, view);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("could not encode the picture"))), "image/webp", 0.9));
}
