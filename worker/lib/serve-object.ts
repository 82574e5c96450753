// Serves an R2 object with user-media headers. One byte range is honoured (206), as video
// players ask; a malformed or multi-part Range is ignored (200, whole body, as RFC 9110
// allows), and one that starts past the end is 416.
import { errorResponse } from "./errors.ts";
import { mediaHeaders } from "./upload.ts";

type Range = { offset: number; length: number };

/** The single range `header` asks of a `size`-byte object: a Range, "unsatisfiable", or null to ignore it. */
export function parseRange(header: string | null, size: number): Range | "unsatisfiable" | null {
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

/** `contentType` null: the type stored with the object (set from sniffed bytes at upload). */
export async function serveObject(bucket: R2Bucket, key: string, request: Request, contentType: string | null, name: string | null) {
  const head = await bucket.head(key);
  if (!head) return errorResponse("not_found");
  const headers = mediaHeaders(contentType ?? head.httpMetadata?.contentType ?? "application/octet-stream", name);
  headers.set("etag", head.httpEtag);
  const range = parseRange(request.headers.get("range"), head.size);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${head.size}`);
    return new Response(null, { status: 416, headers });
  }
  const object = await bucket.get(key, range ? { range } : {});
  if (!object) return errorResponse("not_found");
  if (range) {
    headers.set("content-range", `bytes ${range.offset}-${range.offset + range.length - 1}/${head.size}`);
    headers.set("content-length", String(range.length));
    return new Response(object.body, { status: 206, headers });
  }
  headers.set("content-length", String(head.size));
  return new Response(object.body, { status: 200, headers });
}
