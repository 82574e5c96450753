// R2 holds the bytes of chat media and avatars; worker/media/ is the only place that reads or
// writes them (tests/unit/worker/boundaries.test.ts). Keys are made here, never taken from a
// client:
//   chats/<chatId>/<mediaId>           an upload into a chat (mediaId is "<chatId>.<random>")
//   chats/<chatId>/<mediaId>.thumb.<random>
//                                      its thumbnail; a new key per thumbnail, so its URL
//                                      changes with it (served immutable)
//   avatars/<userId>/<random>          a profile picture; a new key per picture, so the URL
//                                      changes with it and caches never show the old one
// Everything of a chat shares one prefix, so deleting the chat deletes one prefix.
import { newId } from "../lib/ids.ts";
import { cutShort, type Upload } from "./upload.ts";

export const chatMediaPrefix = (chatId: string) => `chats/${chatId}/`;

/** A new media id in `chatId` and the key of its bytes. */
export function newChatMedia(chatId: string) {
  const id = `${chatId}.${newId()}`;
  return { id, key: `${chatMediaPrefix(chatId)}${id}` };
}

export const newThumbnailKey = (mediaKey: string) => `${mediaKey}.thumb.${newId()}`;

export const newAvatarKey = (userId: string) => `avatars/${userId}/${newId()}`;

/** Streams a checked upload into R2 under `key`, with its sniffed type. A body that ends
 * early fails the put (FixedLengthStream): R2 writes an object whole or not at all, so
 * nothing is left behind (tests/worker/media.test.ts checks the bucket). */
export async function putUpload(env: Env, key: string, upload: Upload) {
  try {
    await env.MEDIA.put(key, upload.body, { httpMetadata: { contentType: upload.type.contentType } });
  } catch (err) {
    if (await upload.cut) throw cutShort();
    throw err;
  }
}

export async function deleteObjects(env: Env, keys: string[]) {
  if (keys.length) await env.MEDIA.delete(keys);
}

export async function deletePrefix(env: Env, prefix: string) {
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ prefix, cursor });
    if (page.objects.length) await env.MEDIA.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
