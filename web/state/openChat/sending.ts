// Sending messages. Each goes into the outbox first (realtime/outbox.ts: it survives a
// reload, and its clientId makes a resend harmless) and out on the socket only while the chat
// is live. The rest wait for the next `ready`, after catch-up, so resent messages land after
// everything the user has already seen.
import { createModel, type ReadonlySignal } from "@preact/signals";
import type { ClientFrame, Message } from "#protocol";
import { sendFrame, type Outbox, type OutboxExtras } from "../../realtime/outbox.ts";

/** The socket as the parts of an open chat see it: live or not, and a send that may fail. */
export interface Link {
  readonly live: ReadonlySignal<boolean>;
  send(frame: ClientFrame): boolean;
}

export const Sending = createModel((outbox: Outbox, link: Link) => ({
  /** What is still on its way, for the bottom of the history. */
  entries: outbox.entries,

  /** False for an empty message without attachments (nothing is sent, the composer keeps its
   * text). Attachments are uploads already on the server (uploads.ts); `replyTo` is the seq
   * of the message it answers. */
  send: (text: string, extras: OutboxExtras = {}): boolean => {
    const body = text.trim();
    if (!body && !extras.attachments?.length) return false;
    const entry = outbox.add(body, extras);
    if (link.live.value) link.send(sendFrame(entry));
    return true;
  },

  /** Sends a refused message again, as it was (same clientId). */
  retry: (clientId: string): void => {
    outbox.update(clientId, { state: "sending", error: undefined });
    const entry = outbox.entries.value.find((e) => e.clientId === clientId);
    if (entry && link.live.value) link.send(sendFrame(entry));
  },

  /** The chat is live again: everything still waiting goes out, oldest first. */
  flush: (): void => {
    for (const e of outbox.pending()) {
      if (!link.send(sendFrame(e))) return;
    }
  },

  /** The room stored it; the `message` frame that follows settles it. */
  acked: (clientId: string): void => {
    outbox.update(clientId, { state: "sent" });
  },

  /** The room refused it (`code` says why): it waits for the user to retry. */
  refused: (clientId: string, code: string): void => {
    outbox.update(clientId, { state: "failed", error: code });
  },

  /** These messages are in the history now: their outbox entries are done. */
  settle: (messages: Message[]): void => {
    outbox.settle(messages.map((m) => m.clientId));
  },
}));

export type SendingModel = InstanceType<typeof Sending>;
