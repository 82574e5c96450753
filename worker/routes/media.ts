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
import { addToChat, findMedia, setThumbnail } from "../services/media.ts";
import { idParam, mediaParam, uploadQuery, type AttachmentResponse } from "#protocol";
import type { AppEnv } from "../types.ts";

export const chatMediaRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/:id/media", validate("param", idParam), validate("query", uploadQuery), async (c) => {
    const { chat } = await chatAccess(c, c.req.valid("param").id, "member");
    await limitUser(c, "uploads");
    const limits = settings(c.env);
    const upload = await readUpload(c.req.raw, { image: limits.maxImageBytes, video: limits.maxVideoBytes, kinds: ["image", "video"] });
    const attachment = await addToChat(c.env, chat.id, c.var.user.id, upload, c.req.valid("query"));
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
    await setThumbnail(c.env, chatId, attachment, upload);
    return c.body(null, 204);
  })
  .get("/:id", validate("param", mediaParam), async (c) => {
    const { attachment } = await findMedia(c, c.req.valid("param").id, "read");
    return serveObject(c.env, attachment.r2_key, c.req.raw, attachment.content_type, attachment.name);
  })
  .get("/:id/thumbnail", validate("param", mediaParam), async (c) => {
    const { attachment } = await findMedia(c, c.req.valid("param").id, "read");
    if (!attachment.thumb_key) throw apiError("not_found");
    return serveObject(c.env, attachment.thumb_key, c.req.raw, null, `${attachment.name}.thumb`);
  });
