// Media: uploads into a chat, thumbnails, and serving the bytes to those who may read the
// chat (API.md "Media"). Bytes stream from the request straight into R2.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { getDb } from "../db/client.ts";
import { chatAccess } from "../lib/chat-access.ts";
import { apiError } from "../lib/errors.ts";
import { limitUser } from "../lib/limits.ts";
import { newId, nowIso } from "../lib/ids.ts";
import { chatMediaPrefix } from "../lib/membership.ts";
import { serveObject } from "../lib/serve-object.ts";
import { settings } from "../lib/settings.ts";
import { readUpload } from "../lib/upload.ts";
import { validate } from "../lib/validate.ts";
import { roomStub } from "../rooms/stubs.ts";
import type { Context } from "hono";
import { idParam, mediaParam, uploadQuery, type AttachmentResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

/** The attachment behind a media id, if the caller may read its chat. Unsent uploads are
 * visible to their uploader only. */
async function findMedia(c: Context<AppEnv>, id: string, need: "read" | "member") {
  const chatId = id.split(".")[0]!;
  const row = await chatAccess(c, chatId, need);
  const attachment = await roomStub(c.env, chatId).attachment(chatId, id);
  if (!attachment || (attachment.seq === null && attachment.uploader_id !== c.var.user.id)) throw apiError("not_found");
  return { chatId, row, attachment };
}

export const chatMediaRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/:id/media", validate("param", idParam), validate("query", uploadQuery), async (c) => {
    const { chat } = await chatAccess(c, c.req.valid("param").id, "member");
    await limitUser(c, "uploads");
    const limits = settings(c.env);
    const upload = await readUpload(c.req.raw, { image: limits.maxImageBytes, video: limits.maxVideoBytes, kinds: ["image", "video"] });
    const q = c.req.valid("query");
    const id = `${chat.id}.${newId()}`;
    const key = `${chatMediaPrefix(chat.id)}${id}`;
    await c.env.MEDIA.put(key, upload.body, { httpMetadata: { contentType: upload.type.contentType } });
    await upload.done;
    const attachment = await roomStub(c.env, chat.id).addAttachment(chat.id, {
      id,
      uploader_id: c.var.user.id,
      kind: upload.type.kind,
      content_type: upload.type.contentType,
      size: upload.size,
      name: q.name || "file",
      width: q.width ?? null,
      height: q.height ?? null,
      duration_ms: q.durationMs ?? null,
      r2_key: key,
      thumb_key: null,
      seq: null,
      created_at: nowIso(),
    });
    return c.json({ attachment } satisfies AttachmentResponse, 201);
  });

export const mediaRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .put("/:id/thumbnail", validate("param", mediaParam), async (c) => {
    const { chatId, attachment } = await findMedia(c, c.req.valid("param").id, "member");
    if (attachment.uploader_id !== c.var.user.id) throw apiError("forbidden", { message: "Only the uploader sets the thumbnail." });
    await limitUser(c, "uploads");
    const max = settings(c.env).maxThumbnailBytes;
    const upload = await readUpload(c.req.raw, { image: max, video: 0, kinds: ["image"], contentTypes: ["image/jpeg", "image/webp"] });
    const key = `${attachment.r2_key}.thumb`;
    await c.env.MEDIA.put(key, upload.body, { httpMetadata: { contentType: upload.type.contentType } });
    await upload.done;
    await roomStub(c.env, chatId).setThumbnail(chatId, attachment.id, key);
    return c.body(null, 204);
  })
  .get("/:id", validate("param", mediaParam), async (c) => {
    const { attachment } = await findMedia(c, c.req.valid("param").id, "read");
    return serveObject(c.env.MEDIA, attachment.r2_key, c.req.raw, attachment.content_type, attachment.name);
  })
  .get("/:id/thumbnail", validate("param", mediaParam), async (c) => {
    const { attachment } = await findMedia(c, c.req.valid("param").id, "read");
    if (!attachment.thumb_key) throw apiError("not_found");
    return serveObject(c.env.MEDIA, attachment.thumb_key, c.req.raw, null, `${attachment.name}.thumb`);
  });
