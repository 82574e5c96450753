// Scaling a picture into a box, kept apart from the browser code that draws (probe.ts) and
// the views that reserve space in the history, which both use it.

/** The size of a w x h picture scaled down (never up) to fit inside max x max, in whole
 * pixels of at least 1; null when the size is unknown. */
export function fitWithin(width: number | null | undefined, height: number | null | undefined, max: number): { width: number; height: number } | null {
  if (!width || !height || width <= 0 || height <= 0) return null;
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
