// Files on their way into one chat: the upload strip above the composer. One model per chat,
// owned by the account (account.ts), so that switching chats keeps the strip and its uploads
// going; the open chat attaches itself while it is shown.
//
// - Each file is probed in the browser (size, duration, a thumbnail: media/probe.ts), then
//   uploaded with XHR for its progress bar (api/media.ts), two at a time, then its thumbnail
//   is set. A 429 waits its Retry-After and tries again by itself; any other failure waits
//   for the person: Retry, or remove.
// - Sending (`send`) waits until every upload is done, then hands the caption, the
//   attachments and the message it answers (if any) over as one message. Through the open chat's outbox while it is attached
//   (state/openChat/sending.ts: stored before it goes out, one clientId, so never lost and
//   never doubled); while it is not, into the same outbox in storage and over HTTP with that
//   clientId, so opening the chat later can resend it harmlessly.
// - Removing a file cancels it and leaves nothing on the server: one already stored is taken
//   back by its id; one still on its way is aborted and cancelled by the key this attempt
//   was sent with, because the server may have every byte already (they sit in buffers on the
//   way, and throttling showed it in the e2e test) and would otherwise keep it. The room
//   refuses an upload that arrives after its key was cancelled (worker/rooms/upload-keys.ts).
import { batch, computed, createModel, signal } from "@preact/signals";
import type { Attachment } from "#protocol";
import { isApiError } from "../../api/errors.ts";
import type { Transfer, UploadAbout } from "../../api/media.ts";
import { newClientId } from "../../realtime/outbox.ts";
import type { Api, Files } from "../io.ts";
import { onDispose } from "../lifetime.ts";
import { describe, guessKind, maxFiles, uploadError, type AttachmentKind, type UploadError } from "./uploadFiles.ts";

export type UploadPhase = "preparing" | "waiting" | "uploading" | "finishing" | "done" | "failed";

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  kind: AttachmentKind;
  /** A local URL of its thumbnail, for the strip; null for files without a picture. */
  preview: string | null;
  phase: UploadPhase;
  /** Bytes of the file sent so far. */
  sent: number;
  error: UploadError | null;
  /** What the server made of it, once uploaded. */
  attachment: Attachment | null;
}

/** Delivers a finished batch as one message; `replyTo`: the seq of the message it answers. */
export type Deliver = (caption: string, attachments: Attachment[], replyTo?: number) => void;

/** Uploads running at once: enough to keep a link busy, few enough that each shows progress. */
const parallel = 2;
/** A 429's wait is capped, so a strange Retry-After cannot stall the strip for long. */
const maxWaitMs = 60_000;

interface Work {
  file: Blob;
  about: UploadAbout;
  /** The key of the attempt under way, for cancelling it. */
  attempt: string | null;
  thumbnail: Blob | null;
  transfer: Transfer<unknown> | null;
  revoke: (() => void) | null;
  timer: ReturnType<typeof setTimeout> | null;
}

let counter = 0;

export const Uploads = createModel((chatId: string, api: Pick<Api, "media">, files: Files, deliverDetached: Deliver) => {
  const items = signal<UploadItem[]>([]);
  /** The caption of a message waiting for its uploads; null when nothing waits. */
  const queued = signal<string | null>(null);
  /** The message the waiting one answers. */
  let queuedReply: number | undefined;
  /** Files left out of the last pick for being over the limit of one message. */
  const leftOut = signal(0);
  const work = new Map<string, Work>();
  let attached: Deliver | null = null;
  let disposed = false;

  const count = computed(() => items.value.length);

  function patch(key: string, change: Partial<UploadItem>): void {
    items.value = items.value.map((it) => (it.key === key ? { ...it, ...change } : it));
  }

  const find = (key: string) => items.peek().find((it) => it.key === key);

  async function prepare(key: string, file: File, kind: AttachmentKind): Promise<void> {
    const probe = kind === "file" ? { thumbnail: null } : await files.probe(file, kind).catch(() => ({ thumbnail: null }));
    const w = work.get(key);
    if (!w || disposed) return;
    w.about = describe(file.name, probe);
    w.thumbnail = probe.thumbnail;
    let preview: string | null = null;
    if (probe.thumbnail) {
      const shown = files.showLocal(probe.thumbnail);
      w.revoke = shown.revoke;
      preview = shown.url;
    }
    patch(key, { preview, phase: "waiting" });
    pump();
  }

  /** Starts waiting uploads, in the order they were added, while fewer than `parallel` run. */
  function pump(): void {
    if (disposed) return;
    const list = items.peek();
    let running = list.filter((it) => it.phase === "uploading" || it.phase === "finishing").length;
    for (const it of list) {
      if (running >= parallel) return;
      if (it.phase === "waiting" && !work.get(it.key)?.timer) {
        running++;
        void upload(it.key);
      }
    }
  }

  async function upload(key: string): Promise<void> {
    const w = work.get(key)!;
    patch(key, { phase: "uploading", sent: 0, error: null });
    // A new key per attempt: a cancelled key refuses every later upload under it.
    w.attempt = newClientId();
    const transfer = api.media.upload(chatId, w.file, { ...w.about, key: w.attempt }, (sent) => {
      if (work.get(key) === w) patch(key, { sent });
    });
    w.transfer = transfer;
    let attachment: Attachment;
    try {
      attachment = await transfer.done;
    } catch (e) {
      if (work.get(key) !== w || disposed) return;
      w.transfer = null;
      w.attempt = null;
      if (isApiError(e, "rate_limited")) {
        patch(key, { phase: "waiting", sent: 0 });
        w.timer = setTimeout(() => {
          w.timer = null;
          pump();
        }, Math.min(maxWaitMs, (e.retryAfter ?? 1) * 1000));
      } else {
        patch(key, { phase: "failed", error: uploadError(e) });
      }
      pump();
      return;
    }
    // Removed (or signed out) while its answer was on the way: it is on the server, take it back.
    if (work.get(key) !== w || disposed) {
      void api.media.discard(attachment.id).catch(() => {});
      return;
    }
    w.attempt = null;
    patch(key, { attachment, kind: attachment.kind, sent: w.file.size });
    if (w.thumbnail) {
      patch(key, { phase: "finishing" });
      const t = api.media.thumbnail(attachment.id, w.thumbnail);
      w.transfer = t;
      // A message without its thumbnail is still a message: the server shows the original.
      await t.done.catch(() => {});
      if (work.get(key) !== w || disposed) return;
    }
    w.transfer = null;
    patch(key, { phase: "done" });
    pump();
    deliverIfReady();
  }

  /** Sends the waiting message once nothing is left to upload. */
  function deliverIfReady(): void {
    const caption = queued.peek();
    const list = items.peek();
    if (caption === null || list.some((it) => it.phase !== "done")) return;
    const attachments = list.map((it) => it.attachment!);
    const replyTo = queuedReply;
    queuedReply = undefined;
    for (const w of work.values()) w.revoke?.();
    work.clear();
    batch(() => {
      items.value = [];
      queued.value = null;
      leftOut.value = 0;
    });
    // Every file was removed after Send: what was typed still goes, as a text message.
    if (!attachments.length && !caption) return;
    (attached ?? deliverDetached)(caption, attachments, replyTo);
  }

  function forget(key: string): void {
    const w = work.get(key);
    const it = find(key);
    if (!w || !it) return;
    work.delete(key);
    if (w.timer) clearTimeout(w.timer);
    w.revoke?.();
    w.transfer?.abort();
    if (it.attachment) void api.media.discard(it.attachment.id).catch(() => {});
    else if (w.attempt) void api.media.cancel(chatId, w.attempt).catch(() => {});
  }

  onDispose(() => {
    disposed = true;
    for (const key of [...work.keys()]) forget(key);
    queuedReply = undefined;
    batch(() => {
      items.value = [];
      queued.value = null;
    });
  });

  return {
    items,
    queued,
    leftOut,
    count,

    /** Files picked, dropped or pasted: up to maxFiles in the strip, the rest left out. */
    add: (picked: Iterable<File>): void => {
      const room = maxFiles - items.peek().length;
      const all = [...picked];
      const taken = all.slice(0, Math.max(0, room));
      const added: UploadItem[] = taken.map((file) => {
        const key = `u${++counter}`;
        const kind = guessKind(file.type, file.name);
        work.set(key, { file, about: { name: file.name }, attempt: null, thumbnail: null, transfer: null, revoke: null, timer: null });
        const empty = file.size === 0;
        return { key, name: file.name, size: file.size, kind, preview: null, phase: empty ? "failed" : "preparing", sent: 0, error: empty ? { code: "empty" } : null, attachment: null };
      });
      batch(() => {
        items.value = [...items.peek(), ...added];
        leftOut.value = all.length - taken.length;
      });
      for (const it of added) if (it.phase === "preparing") void prepare(it.key, work.get(it.key)!.file as File, it.kind);
    },

    /** Cancels one file: nothing of it stays on the server. */
    remove: (key: string): void => {
      forget(key);
      items.value = items.peek().filter((it) => it.key !== key);
      leftOut.value = 0;
      pump();
      deliverIfReady();
    },

    /** Tries a failed upload again. */
    retry: (key: string): void => {
      const it = find(key);
      if (!it || it.phase !== "failed" || it.error?.code === "empty") return;
      patch(key, { phase: "waiting", error: null, sent: 0 });
      pump();
    },

    /** The composer's Send while files are in the strip: the message goes as soon as every
     * upload is done (at once if they are). False when there are no files. */
    send: (caption: string, replyTo?: number): boolean => {
      if (!items.peek().length) return false;
      queuedReply = replyTo;
      queued.value = caption.trim();
      deliverIfReady();
      return true;
    },

    /** The open chat shows this strip and sends through its outbox. */
    attach: (deliver: Deliver): void => {
      attached = deliver;
    },

    detach: (): void => {
      attached = null;
    },
  };
});

export type UploadsModel = InstanceType<typeof Uploads>;
