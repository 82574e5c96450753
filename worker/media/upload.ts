// Streams an upload into R2 without buffering it: the first bytes are read to learn the
// type, then put back in front of the rest. R2 needs the length up front, so uploads must
// send Content-Length; a body that ends before that many bytes (the uploader cancelled, or
// the connection dropped) fails the put, so no object is written, and the answer is 400.
import { apiError } from "../lib/errors.ts";
import { SNIFF_BYTES, sniff, type Claims, type Sniffed } from "../lib/sniff.ts";

/** The largest size accepted per kind; a kind not listed is refused (415). Avatars and
 * thumbnails take images only. */
export type UploadLimits = Partial<Record<Sniffed["kind"], number>> & {
  /** Narrower content types, e.g. JPEG/WebP for thumbnails. */
  contentTypes?: string[];
};

const tooLarge = (limit: number, what = "uploads") =>
  apiError("too_large", { message: `The limit for ${what} is ${limit} bytes.`, details: { limit } });

export async function readUpload(request: Request, limits: UploadLimits, claims: Claims = {}) {
  const length = Number(request.headers.get("content-length"));
  const kinds = (["image", "video", "file"] as const).filter((k) => limits[k] !== undefined);
  const biggest = Math.max(...kinds.map((k) => limits[k]!));
  if (!request.body || !Number.isSafeInteger(length) || length <= 0) {
    throw apiError("invalid_request", { message: "Send the file's bytes with a Content-Length." });
  }
  if (length > biggest) throw tooLarge(biggest);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let have = 0;
  try {
    while (have < Math.min(SNIFF_BYTES, length)) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      have += value.byteLength;
    }
  } catch {
    throw cutShort();
  }
  const head = concat(chunks);
  const type = sniff(head.subarray(0, SNIFF_BYTES), { name: claims.name, contentType: claims.contentType ?? request.headers.get("content-type") });
  const limit = type ? limits[type.kind] : undefined;
  if (!type || limit === undefined || (limits.contentTypes && !limits.contentTypes.includes(type.contentType))) {
    await reader.cancel().catch(() => {});
    throw apiError("unsupported_media_type");
  }
  if (length > limit) {
    await reader.cancel().catch(() => {});
    throw tooLarge(limit, `${type.kind}s`);
  }
  const fixed = new FixedLengthStream(length);
  const writer = fixed.writable.getWriter();
  writer.closed.catch(() => {});
  reader.closed.catch(() => {});
  // Resolves true when the request's body failed (ended early or broke), as opposed to R2
  // refusing the bytes: the first is the uploader's doing (400), the second ours (500).
  const cut = (async () => {
    let passed = head.byteLength;
    let bodyFailed = false;
    try {
      await writer.write(head);
      for (;;) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (err) {
          bodyFailed = true;
          throw err;
        }
        if (read.done) break;
        passed += read.value.byteLength;
        await writer.write(read.value);
      }
      if (passed < length) {
        bodyFailed = true;
        throw new Error(`the body ended after ${passed} of ${length} bytes`);
      }
      await writer.close();
      return false;
    } catch (err) {
      await writer.abort(err).catch(() => {});
      await reader.cancel().catch(() => {});
      return bodyFailed;
    }
  })();
  return { type, size: length, body: fixed.readable, cut };
}

/** An upload whose type and size are checked: `body` streams the bytes; `cut` settles once
 * they have all been passed on (false) or the request's body failed (true). */
export type Upload = Awaited<ReturnType<typeof readUpload>>;

export const cutShort = () => apiError("invalid_request", { message: "The upload ended before Content-Length bytes arrived." });

function concat(chunks: Uint8Array[]) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
