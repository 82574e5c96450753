// Messages the user sent that the room has not yet confirmed. Each keeps the `clientId` it
// got when typed, so resending after a reconnect (or a reload) can never post it twice: the
// room stores clientIds with a unique index and answers a repeat with the original seq.
//
// Entries live in storage (localStorage in the browser) per user and chat, so a message typed
// just before a crash or a reload is still sent when the chat opens again. An entry leaves
// the outbox only when its message shows up in the chat (live, in catch-up or in loaded
// history). The storage is handed in, so the rules run in unit tests against a Map.
import { signal, type ReadonlySignal } from "@preact/signals";
import type { Attachment, ClientFrame } from "#protocol";

export type OutboxState = "sending" | "sent" | "failed";

export interface OutboxEntry {
  clientId: string;
  body: string;
  /** The seq of the message this one answers. */
  replyTo?: number;
  createdAt: string;
  state: OutboxState;
  /** Why it failed (an API error code), for the retry tooltip. */
  error?: string;
  /** Uploads that go with it, already on the server (state/openChat/uploads.ts); absent for text. */
  attachments?: Attachment[];
}

/** What a message may carry besides its text: the message it answers, the files it shows. */
export type OutboxExtras = Pick<OutboxEntry, "replyTo" | "attachments">;

/** Where outboxes are kept: the browser's localStorage, or anything with its methods. */
export type OutboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

type Random = Pick<Crypto, "getRandomValues"> & { randomUUID?: () => string };

/** A version 4 UUID, the form the API's `clientId` takes. */
export function newClientId(random: Random = crypto): string {
  if (typeof random.randomUUID === "function") return random.randomUUID();
  // randomUUID exists only in secure contexts; a LAN address over http is not one.
  const b = random.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const storagePrefix = "qm.outbox.";

export function outboxKey(userId: string, chatId: string): string {
  return `${storagePrefix}${userId}.${chatId}`;
}

/** Removes every stored outbox of this browser (of every user), and nothing else. */
export function forgetOutboxes(storage: OutboxStorage | null): void {
  try {
    const keys: string[] = [];
    for (let i = 0; storage && i < storage.length; i++) keys.push(storage.key(i) ?? "");
    for (const key of keys) if (key.startsWith(storagePrefix)) storage?.removeItem(key);
  } catch {
    // Storage unavailable: nothing was stored either.
  }
}

export class Outbox {
  private readonly list = signal<OutboxEntry[]>([]);

  constructor(
    private readonly storageKey: string,
    private readonly storage: OutboxStorage | null,
  ) {
    this.list.value = this.load();
  }

  get entries(): ReadonlySignal<OutboxEntry[]> {
    return this.list;
  }

  add(body: string, extras: OutboxExtras = {}): OutboxEntry {
    const entry: OutboxEntry = { clientId: newClientId(), body, createdAt: new Date().toISOString(), state: "sending" };
    if (extras.replyTo) entry.replyTo = extras.replyTo;
    if (extras.attachments?.length) entry.attachments = extras.attachments;
    this.set([...this.list.value, entry]);
    return entry;
  }

  /** Entries still waiting to be (re)sent, oldest first. */
  pending(): OutboxEntry[] {
    return this.list.value.filter((e) => e.state === "sending");
  }

  has(clientId: string): boolean {
    return this.list.value.some((e) => e.clientId === clientId);
  }

  update(clientId: string, patch: Partial<OutboxEntry>): void {
    if (!this.has(clientId)) return;
    this.set(this.list.value.map((e) => (e.clientId === clientId ? { ...e, ...patch } : e)));
  }

  /** Drops the entries whose messages the chat now has. */
  settle(clientIds: Iterable<string | null>): void {
    const done = new Set(clientIds);
    if (!this.list.value.some((e) => done.has(e.clientId))) return;
    this.set(this.list.value.filter((e) => !done.has(e.clientId)));
  }

  private set(next: OutboxEntry[]): void {
    this.list.value = next;
    try {
      if (next.length) this.storage?.setItem(this.storageKey, JSON.stringify(next));
      else this.storage?.removeItem(this.storageKey);
    } catch {
      // Full or disabled storage: the outbox still works for this tab.
    }
  }

  private load(): OutboxEntry[] {
    try {
      const raw = JSON.parse(this.storage?.getItem(this.storageKey) ?? "[]") as unknown;
      if (!Array.isArray(raw)) return [];
      return raw
        .filter((e): e is OutboxEntry => typeof e?.clientId === "string" && typeof e?.body === "string")
        .map((e) => {
          const { attachments, ...rest } = e;
          const entry: OutboxEntry = { ...rest, state: e.state === "failed" ? "failed" : "sending" };
          if (Array.isArray(attachments) && attachments.length) entry.attachments = attachments;
          return entry;
        });
    } catch {
      return [];
    }
  }
}

/** The frame that sends an entry, the first time or again: always the same clientId (so the
 * room stores it once), with its reply and its attachments. */
export function sendFrame(e: OutboxEntry): Extract<ClientFrame, { type: "send" }> {
  return {
    type: "send",
    clientId: e.clientId,
    body: e.body,
    ...(e.replyTo ? { replyTo: e.replyTo } : {}),
    ...(e.attachments?.length ? { attachmentIds: e.attachments.map((a) => a.id) } : {}),
  };
}
