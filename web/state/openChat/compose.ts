// What the composer holds for one chat: the draft, the message it answers, and the message
// being edited. The draft and its reply are kept in storage per user and chat, so they
// survive switching chats and reloading; signing out on purpose forgets every draft
// (forgetDrafts, like the outbox: a shared computer).
//
// Editing borrows the text box: it shows the message's text, and Esc (cancel) gives the draft
// back as it was. The Up arrow in an empty box edits the user's last message.
import { batch, createModel, effect, signal } from "@preact/signals";
import type { Message } from "#protocol";
import type { OutboxStorage } from "../../realtime/outbox.ts";

/** How a message is shown in the reply and edit bars: whose, and how it starts. */
export interface Quote {
  seq: number;
  sender: string;
  excerpt: string;
}

const storagePrefix = "qm.draft.";

export function draftKey(userId: string, chatId: string): string {
  return `${storagePrefix}${userId}.${chatId}`;
}

/** Removes every stored draft of this browser (of every user), and nothing else. */
export function forgetDrafts(storage: OutboxStorage | null): void {
  try {
    const keys: string[] = [];
    for (let i = 0; storage && i < storage.length; i++) keys.push(storage.key(i) ?? "");
    for (const key of keys) if (key.startsWith(storagePrefix)) storage?.removeItem(key);
  } catch {
    // Storage unavailable: nothing was stored either.
  }
}

export function quoteOf(m: Message): Quote {
  return { seq: m.seq, sender: m.sender?.displayName ?? "", excerpt: m.body.slice(0, 100) };
}

export interface ComposeDeps {
  /** Sends a new message; false when there is nothing to send. */
  send(text: string, replyTo?: number): boolean;
  /** Sends an edit; false when it cannot go out now (offline). */
  edit(seq: number, body: string): boolean;
  /** The user's newest loaded message that may be edited. */
  lastOwn(): Message | null;
}

interface Stored {
  text: string;
  reply: Quote | null;
}

function load(storage: OutboxStorage | null, key: string): Stored {
  try {
    const raw = JSON.parse(storage?.getItem(key) ?? "null") as Partial<Stored> | null;
    const reply = raw?.reply;
    const validReply = reply && typeof reply.seq === "number" && typeof reply.sender === "string" && typeof reply.excerpt === "string" ? reply : null;
    return { text: typeof raw?.text === "string" ? raw.text : "", reply: validReply };
  } catch {
    return { text: "", reply: null };
  }
}

export const Compose = createModel((key: string, storage: OutboxStorage | null, deps: ComposeDeps) => {
  const stored = load(storage, key);
  /** What the text box shows. */
  const text = signal(stored.text);
  const reply = signal<Quote | null>(stored.reply);
  const editing = signal<(Quote & { original: string }) | null>(null);
  /** The draft while the box is borrowed for an edit. */
  let draft = "";

  effect(() => {
    const saved: Stored = { text: editing.value ? draft : text.value, reply: reply.value };
    try {
      if (saved.text || saved.reply) storage?.setItem(key, JSON.stringify(saved));
      else storage?.removeItem(key);
    } catch {
      // Full or disabled storage: the draft still lasts as long as the tab.
    }
  });

  function startEdit(m: Message): void {
    batch(() => {
      if (!editing.peek()) draft = text.peek();
      editing.value = { ...quoteOf(m), original: m.body };
      text.value = m.body;
    });
  }

  function cancel(): void {
    batch(() => {
      if (editing.peek()) {
        editing.value = null;
        text.value = draft;
      } else reply.value = null;
    });
  }

  return {
    text,
    reply,
    editing,

    type: (value: string): void => {
      text.value = value;
    },

    replyTo: (m: Message): void => {
      batch(() => {
        if (editing.peek()) cancel();
        reply.value = quoteOf(m);
      });
    },

    edit: startEdit,

    /** The Up arrow in an empty box: edit the last message the user sent. False if none. */
    editLast: (): boolean => {
      if (text.peek() || editing.peek()) return false;
      const m = deps.lastOwn();
      if (!m) return false;
      startEdit(m);
      return true;
    },

    /** Esc: stops editing (the draft comes back), or else drops the reply. */
    cancel,

    /** Enter: sends the message or saves the edit. False when nothing went out. */
    submit: (): boolean => {
      const e = editing.peek();
      if (e) {
        const body = text.peek().trim();
        if (!body) return false;
        if (body !== e.original.trim() && !deps.edit(e.seq, body)) return false;
        cancel();
        return true;
      }
      if (!deps.send(text.peek(), reply.peek()?.seq)) return false;
      batch(() => {
        text.value = "";
        reply.value = null;
      });
      return true;
    },
  };
});

export type ComposeModel = InstanceType<typeof Compose>;
