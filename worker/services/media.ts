// Chat media: the bytes in R2 under chats/<chatId>/ (so deleting a chat deletes one prefix),
// the record beside the chat's messages in its room (so "unused, and now part of message N" is
// decided in the same step that appends the message).
import type { Context } from "hono";
import { orThrow, apiError } from "../lib/errors.ts";
import { newId, nowIso } from "../lib/ids.ts";
import type { Upload } from "../lib/upload.ts";
import type { Attachment } from "#protocol";
import type { AppEnv } from "../types.ts";
import type { AttachmentRow } from "../rooms/attachments.ts";
import { chatAccess } from "./chat-access.ts";
import { chatMediaPrefix } from "./membership.ts";
import { roomStub } from "./stubs.ts";

/** The attachment behind a media id, if the caller may read (or act in) its chat. Unsent
 * uploads are visible to their uploader only. */
export async function findMedia(c: Context<AppEnv>, id: string, need: "read" | "member") {
  const chatId = id.slice(0, id.indexOf("."));
  await chatAccess(c, chatId, need);
  const attachment = await roomStub(c.env, chatId).attachment(chatId, id);
  if (!attachment || (attachment.seq === null && attachment.uploader_id !== c.var.user.id)) throw apiError("not_found");
  return { chatId, attachment };
}

/** Stores an upload's bytes, then hands its record to the room: from then on it may go into
 * one message of its uploader's. */
export async function addToChat(
  env: Env,
  chatId: string,
  uploaderId: string,
  upload: Upload,
  about: { name?: string | undefined; width?: number | undefined; height?: number | undefined; durationMs?: number | undefined },
): Promise<Attachment> {
  const id = `${chatId}.${newId()}`;
  const key = `${chatMediaPrefix(chatId)}${id}`;
  await env.MEDIA.put(key, upload.body, { httpMetadata: { contentType: upload.type.contentType } });
  await upload.done;
  const row: AttachmentRow = {
    id,
    uploader_id: uploaderId,
    kind: upload.type.kind,
    content_type: upload.type.contentType,
    size: upload.size,
    name: about.name || "file",
    width: about.width ?? null,
    height: about.height ?? null,
    duration_ms: about.durationMs ?? null,
    r2_key: key,
    thumb_key: null,
    seq: null,
    created_at: nowIso(),
  };
  return roomStub(env, chatId).addAttachment(chatId, row);
}

/** A thumbnail for an attachment (its own key beside the original's); a later one replaces it. */
export async function setThumbnail(env: Env, chatId: string, attachment: AttachmentRow, upload: Upload) {
  const key = `${attachment.r2_key}.thumb`;
  await env.MEDIA.put(key, upload.body, { httpMetadata: { contentType: upload.type.contentType } });
  await upload.done;
  orThrow(await roomStub(env, chatId).setThumbnail(chatId, attachment.id, key));
}
