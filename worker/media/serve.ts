// Serves an R2 object as user media: never sniffed into HTML, never scriptable, never framed,
// with one byte range honoured (lib/range.ts). Images and videos are shown inline with their
// sniffed type; files (lib/sniff.ts) only ever download, as opaque bytes.
import { errorResponse } from "../lib/errors.ts";
import { parseRange } from "../lib/range.ts";
import { safeFileName } from "../lib/file-name.ts";
import { FILE_CONTENT_TYPE } from "../lib/sniff.ts";

export type Disposition = "inline" | "attachment";

/** Headers for serving user media: the stored type, no sniffing, a sandbox CSP, a safe name. */
function mediaHeaders(contentType: string, name: string | null, disposition: Disposition) {
  const h = new Headers({
    "content-type": disposition === "attachment" ? FILE_CONTENT_TYPE : contentType,
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'",
    "cache-control": "private, max-age=31536000, immutable",
    "accept-ranges": "bytes",
  });
  const safe = safeFileName(name);
  h.set("content-disposition", `${disposition}; filename="${safe.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(safe)}`);
  return h;
}

/** `contentType` null: the type stored with the object (set from sniffed bytes at upload).
 * An attachment is always served as application/octet-stream, whatever was stored. */
export async function serveObject(env: Env, key: string, request: Request, contentType: string | null, name: string | null, disposition: Disposition = "inline") {
  const bucket = env.MEDIA;
  const head = await bucket.head(key);
  if (!head) return errorResponse("not_found");
  const headers = mediaHeaders(contentType ?? head.httpMetadata?.contentType ?? FILE_CONTENT_TYPE, name, disposition);
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
