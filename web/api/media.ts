// Uploads (docs/api.md "Media"). They go through XMLHttpRequest, not fetch: fetch cannot
// report how much of a request body has been sent, and a person sending a video wants a
// progress bar. The browser sets Content-Length from the Blob, which the server needs to judge
// the size before it stores a byte. Aborting one stops the body mid-way and the server stores
// nothing of a body that ends early; but the bytes may all have left already (buffers on the
// way), so a cancelled upload is also cancelled by its key (tests/worker/files.test.ts).
import { attachment, messageResponse, uploadsResponse, user, type Attachment, type Message, type SendMessageBody, type User } from "#protocol";
import { failure, request } from "./client.ts";
import { ApiError } from "./errors.ts";

/** A request on its way: `done` settles with its answer; `abort` stops it (then `done`
 * rejects, and nobody should care). */
export interface Transfer<T> {
  done: Promise<T>;
  abort(): void;
}

/** What the uploader says about a file; the server stores it without checking it. `key`
 * names this attempt, so it can be cancelled before its answer comes (`cancel`). */
export interface UploadAbout {
  key?: string;
  name: string;
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
}

const enc = encodeURIComponent;

function send(method: "POST" | "PUT", url: string, body: Blob, onProgress?: (sent: number) => void): Transfer<unknown> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<unknown>((resolve, reject) => {
    xhr.open(method, url);
    xhr.responseType = "text";
    xhr.setRequestHeader("accept", "application/json");
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let data: unknown = undefined;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        // An answer that is not JSON: judged by its status below.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(failure(xhr.status, data, xhr.getResponseHeader("retry-after")));
    };
    xhr.onerror = () => reject(new ApiError("network", 0, "the upload did not reach the server"));
    xhr.onabort = () => reject(new ApiError("network", 0, "aborted"));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}

export const media = {
  /** POST /api/chats/:id/media: the file's bytes; `onProgress` gets the bytes sent so far. */
  upload(chatId: string, file: Blob, about: UploadAbout, onProgress: (sent: number) => void): Transfer<Attachment> {
    const query = new URLSearchParams({ name: about.name });
    if (about.key) query.set("key", about.key);
    for (const key of ["width", "height", "durationMs"] as const) {
      const v = about[key];
      if (v !== undefined) query.set(key, String(v));
    }
    const t = send("POST", `/api/chats/${enc(chatId)}/media?${query}`, file, onProgress);
    return {
      done: t.done.then((data) => {
        const parsed = attachment.safeParse((data as { attachment?: unknown } | undefined)?.attachment);
        if (!parsed.success) throw new ApiError("bad_response", 201, "the upload's answer is not an attachment");
        return parsed.data;
      }),
      abort: t.abort,
    };
  },

  /** PUT /api/me/avatar: the signed-in user's new picture; answers their new profile. */
  avatar(picture: Blob, onProgress: (sent: number) => void): Transfer<User> {
    const t = send("PUT", "/api/me/avatar", picture, onProgress);
    return {
      done: t.done.then((data) => {
        const parsed = user.safeParse((data as { user?: unknown } | undefined)?.user);
        if (!parsed.success) throw new ApiError("bad_response", 200, "the avatar's answer is not a user");
        return parsed.data;
      }),
      abort: t.abort,
    };
  },

  /** PUT /api/media/:id/thumbnail: a JPEG or WebP picture of it. */
  thumbnail(id: string, picture: Blob): Transfer<void> {
    const t = send("PUT", `/api/media/${enc(id)}/thumbnail`, picture);
    return { done: t.done.then(() => undefined), abort: t.abort };
  },

  /** DELETE /api/media/:id: takes back one's own unsent upload. Best effort (the server sweeps
   * what is left a day later), and sent while signing out too, so its 401 must not end a
   * session that may already be the next person's. */
  discard: (id: string) => request("DELETE", `/api/media/${enc(id)}`, null, { auth: false }),

  /** DELETE /api/chats/:id/uploads/:key: cancels the upload named `key`, whether the server has
   * it yet or not (an aborted request may still have delivered every byte). Best effort, like
   * `discard`. */
  cancel: (chatId: string, key: string) => request("DELETE", `/api/chats/${enc(chatId)}/uploads/${enc(key)}`, null, { auth: false }),

  /** GET /api/chats/:id/uploads: one's own unsent uploads in a chat. */
  unsent: async (chatId: string) => (await request("GET", `/api/chats/${enc(chatId)}/uploads`, uploadsResponse)).attachments,

  /** POST /api/chats/:id/messages: a send over HTTP, for a chat whose socket is not open. */
  post: async (chatId: string, body: SendMessageBody): Promise<Message> =>
    (await request("POST", `/api/chats/${enc(chatId)}/messages`, messageResponse, { body })).message,
};
