// Every API body that is not an upload is a small JSON document. Checked once, up front:
// - over 64 KiB: 413 `too_large` (zod would refuse most of it anyway, but only after parsing);
// - a body that is not `application/json`: 400 `invalid_request`. Without this, a text/plain
//   body reaches the validator as `{}`, and routes whose fields are all optional would act on
//   defaults the caller never asked for.
import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../types.ts";
import { apiError } from "./errors.ts";

const JSON_BODY_LIMIT = 64 * 1024;

/** Routes whose body is raw media bytes, with limits of their own (media/upload.ts). */
const uploads = /^\/api\/(chats\/[^/]+\/media|me\/avatar|media\/[^/]+\/thumbnail)$/;

const limit = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: () => { throw apiError("too_large", { message: `JSON bodies are limited to ${JSON_BODY_LIMIT} bytes.` }); } });

export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const hasBody = c.req.raw.body !== null && c.req.method !== "GET" && c.req.method !== "HEAD";
  if (!hasBody || uploads.test(c.req.path)) return next();
  const type = c.req.header("content-type") ?? "";
  const length = c.req.header("content-length");
  if (length !== "0" && !/^application\/json\s*(;|$)/i.test(type)) {
    throw apiError("invalid_request", { message: "Send the body as JSON (content-type: application/json)." });
  }
  return limit(c, next);
});
