// Media: uploads into a chat, thumbnails, and serving the bytes to those who may read the
// chat (docs/api.md "Media"). Bytes stream from the request straight into R2.
import { Hono } from "hono";
import { requireUser } from "../auth/middleware.ts";
import { apiError } from "../lib/errors.ts";
import { settings } from "../lib/settings.ts";
import { validate } from "../lib/validate.ts";
import { serveObject } from "../media/serve.ts";
import { readUpload } from "../media/upload.ts";
import { chatAccess } from "../services/chat-access.ts";
import { limitUser } from "../services/limits.ts";
import { addToChat, cancelUpload, discardUpload, findMedia, setThumbnail, unsentUploads } from "../services/media.ts";
import { idParam, mediaParam, uploadKeyParam, uploadQuery, type AttachmentResponse, type UploadsResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const chatMediaRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/:id/media", validate("param", idParam), validate("query", uploadQuery), async (c) => {
    const { chat } = await chatAccess(c, c.req.valid("param").id, "member");
    await limitUser(c, "uploads");
    const limits = settings(c.env);
    const about = c.req.valid("query");
    const upload = await readUpload(c.req.raw, { image: limits.maxImageBytes, video: limits.maxVideoBytes, file: limits.maxFileBytes }, { name: about.name });
    const attachment = await addToChat(c.env, chat.id, c.var.user.id, upload, about);
    return c.json({ attachment } satisfies AttachmentResponse, 201);
  })
  .get("/:id/uploads", validate("param", idParam), async (c) => {
    const { chat } = await chatAccess(c, c.req.valid("param").id, "member");
    return c.json({ attachments: await unsentUploads(c.env, chat.id, c.var.user.id) } satisfies UploadsResponse, 200);
  })
  .delete("/:id/uploads/:key", validate("param", uploadKeyParam), async (c) => {
    const { id, key } = c.req.valid("param");
    const { chat } = await chatAccess(c, id, "member");
    await cancelUpload(c.env, chat.id, c.var.user.id, key);
    return c.body(null, 204);
  });

export const mediaRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .put("/:id/thumbnail", validate("param", mediaParam), async (c) => {
    const { chatId, attachment } = await findMedia(c, c.req.valid("param").id, "member");
    if (attachment.uploader_id !== c.var.user.id) throw apiError("forbidden", { message: "Only the uploader sets the thumbnail." });
    await limitUser(c, "uploads");
    const max = settings(c.env).maxThumbnailBytes;
    const upload = await readUpload(c.req.raw, { image: max, contentTypes: ["image/jpeg", "image/webp"] });
    await setThumbnail(c.env, chatId, attachment, upload);
    return c.body(null, 204);
  })
  .delete("/:id", validate("param", mediaParam), async (c) => {
    await discardUpload(c, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .get("/:id", validate("param", mediaParam), async (c) => {
    const { attachment } = await findMedia(c, c.req.valid("param").id, "read");
    // Files are never shown in the browser: a download of opaque bytes (docs/security.md).
    const disposition = attachment.kind === "file" ? "attachment" : "inline";
    return serveObject(c.env, attachment.r2_key, c.req.raw, attachment.content_type, attachment.name, disposition);
  })
  .get("/:id/thumbnail", validate("param", mediaParam), async (c) => {
    const { attachment } = await findMedia(c, c.req.valid("param").id, "read");
    if (!attachment.thumb_key) throw apiError("not_found");
    return serveObject(c.env, attachment.thumb_key, c.req.raw, null, `${attachment.name}.thumb`);
  });
