// Streams an upload into R2 without buffering it: the first bytes are read to learn the
// type, then put back in front of the rest. R2 needs the length up front, so uploads must
// send Content-Length; a body that turns out longer or shorter than declared fails the put.
import { apiError } from "../lib/errors.ts";
import { SNIFF_BYTES, sniff, type Sniffed } from "../lib/sniff.ts";

export interface UploadLimits {
  image: number;
  video: number;
  /** Only these kinds are accepted here (avatars and thumbnails are images only). */
  kinds: Sniffed["kind"][];
  /** Narrower content types, e.g. JPEG/WebP for thumbnails. */
  contentTypes?: string[];
}

export async function readUpload(request: Request, limits: UploadLimits) {
  const length = Number(request.headers.get("content-length"));
  const biggest = Math.max(...limits.kinds.map((k) => limits[k]));
  if (!request.body || !Number.isSafeInteger(length) || length <= 0) {
    throw apiError("invalid_request", { message: "Send the file's bytes with a Content-Length." });
  }
  if (length > biggest) throw apiError("too_large", { message: `The limit is ${biggest} bytes.` });

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let have = 0;
  while (have < Math.min(SNIFF_BYTES, length)) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    have += value.byteLength;
  }
  const head = concat(chunks);
  const type = sniff(head.subarray(0, SNIFF_BYTES));
  if (!type || !limits.kinds.includes(type.kind) || (limits.contentTypes && !limits.contentTypes.includes(type.contentType))) {
    await reader.cancel();
    throw apiError("unsupported_media_type");
  }
  if (length > limits[type.kind]) {
    await reader.cancel();
    throw apiError("too_large", { message: `The limit for ${type.kind}s is ${limits[type.kind]} bytes.` });
  }
  const fixed = new FixedLengthStream(length);
  const writer = fixed.writable.getWriter();
  const pump = (async () => {
    try {
      await writer.write(head);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        await writer.write(value);
      }
      await writer.close();
    } catch (err) {
      await writer.abort(err).catch(() => {});
    }
  })();
  return { type, size: length, body: fixed.readable, done: pump };
}

/** An upload whose type and size are checked: `body` streams the bytes, `done` settles when
 * the last one has been passed on. */
export type Upload = Awaited<ReturnType<typeof readUpload>>;

function concat(chunks: Uint8Array[]) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
