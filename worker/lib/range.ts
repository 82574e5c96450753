// The one `Range` a media response honours (docs/api.md "Media"): a single byte range, as
// video players ask. A malformed or multi-part header is ignored (the whole body, as RFC 9110
// allows), and one that starts past the end is unsatisfiable (416).

export type ByteRange = { offset: number; length: number };

/** The single range `header` asks of a `size`-byte object: a range, "unsatisfiable", or null to ignore it. */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    const length = Math.min(suffix, size);
    return { offset: size - length, length };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { offset: start, length: end - start + 1 };
}
