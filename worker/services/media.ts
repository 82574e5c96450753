// Chat media: the bytes in R2 (media/store.ts), the record beside the chat's messages in its
// room (so "unused, and now part of message N" is decided in the same step that appends the
// message).
import type { Context } from "hono";
import { apiError, orThrow } from "../lib/errors.ts";
import { nowIso } from "../lib/ids.ts";
import { deleteObjects, newChatMedia, newThumbnailKey, putUpload } from "../media/store.ts";
import type { Upload } from "../media/upload.ts";
import type { Attachment } from "#protocol";
import type { AppEnv } from "../types.ts";
import type { AttachmentRow } from "../rooms/attachments.ts";
import { chatAccess } from "./chat-access.ts";
import { roomStub } from "./stubs.ts";

/** The attachment behind a media id, if the caller may read (or act in) its chat. Unsent
 * uploads are visible to their uploader only. */
export async function findMedia(c: Context<AppEnv>, id: string, need: "read" | "member") {
  const chatId = id.slice(0, id.indexOf("."));
  await chatAccess(c, chatId, need);
  const attachment = await roomStub(c.env, chatId).attachment(id);
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
  about: { name?: string | undefined; width?: number | undefined; height?: number | undefined; durationMs?: number | undefined; key?: string | undefined },
): Promise<Attachment> {
  const { id, key } = newChatMedia(chatId);
  await putUpload(env, key, upload);
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
  const result = await roomStub(env, chatId).addAttachment(row, about.key);
  // Cancelled while its bytes were arriving (or a reused key), or the chat was deleted
  // meanwhile: nothing of it may stay.
  if (!result.ok) await deleteObjects(env, [key]);
  return orThrow(result);
}

/** A thumbnail for an attachment, under a key of its own beside the original's: a later one
 * replaces it with a new key, so its URL changes too (thumbnails are served immutable), and
 * the old bytes are deleted. If the upload was discarded (or the chat deleted) while the
 * thumbnail's bytes were arriving, they go too. */
export async function setThumbnail(env: Env, chatId: string, attachment: AttachmentRow, upload: Upload) {
  const key = newThumbnailKey(attachment.r2_key);
  await putUpload(env, key, upload);
  const set = await roomStub(env, chatId).setThumbnail(attachment.id, key);
  if (!set.ok) await deleteObjects(env, [key]);
  const { previous } = orThrow(set);
  if (previous) await deleteObjects(env, [previous]);
}

/** The uploader takes back an upload they have not sent (DELETE /api/media/:id): the room
 * forgets it first, so it can no longer be sent, then its bytes go. Anything else is 404. */
export async function discardUpload(c: Context<AppEnv>, id: string) {
  const chatId = id.slice(0, id.indexOf("."));
  await chatAccess(c, chatId, "member");
  const keys = orThrow(await roomStub(c.env, chatId).discardUpload(id, c.var.user.id));
  await deleteObjects(c.env, keys);
}

/** The uploader cancels the upload they named `key` (DELETE /api/chats/:id/uploads/:key),
 * whether it has arrived, is arriving or never will: see rooms/upload-keys.ts. */
export async function cancelUpload(env: Env, chatId: string, userId: string, key: string) {
  await deleteObjects(env, await roomStub(env, chatId).cancelUpload(userId, key));
}

export async function unsentUploads(env: Env, chatId: string, userId: string): Promise<Attachment[]> {
  return roomStub(env, chatId).unsentUploads(userId);
}
