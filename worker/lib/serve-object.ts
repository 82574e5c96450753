// Serves an R2 object with user-media headers, honouring a single Range (206).
import { errorResponse } from "./errors.ts";
import { mediaHeaders } from "./upload.ts";

export async function serveObject(bucket: R2Bucket, key: string, request: Request, contentType: string, name: string | null) {
  const ranged = request.headers.has("range");
  const object = await bucket.get(key, ranged ? { range: request.headers } : {});
  if (!object) return errorResponse("not_found");
  const headers = mediaHeaders(contentType, name);
  headers.set("etag", object.httpEtag);
  if (!("body" in object) || !object.body) return new Response(null, { status: 304, headers });
  const range = object.range as { offset?: number; length?: number } | undefined;
  if (ranged && range) {
    const start = range.offset ?? 0;
    const length = range.length ?? object.size - start;
    headers.set("content-range", `bytes ${start}-${start + length - 1}/${object.size}`);
    headers.set("content-length", String(length));
    return new Response(object.body, { status: 206, headers });
  }
  headers.set("content-length", String(object.size));
  return new Response(object.body, { status: 200, headers });
}
