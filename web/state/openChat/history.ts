// The loaded part of one chat's history: one ascending array of messages by `seq` (gap-free
// on the server), filled from four sides: the newest page when the chat opens, earlier pages
// on scroll-back, the socket's frames, and gap fills after frames were missed. The rules for
// combining them are the pure functions of messages.ts.
//
// It also keeps `rev`, the highest revision applied: every reconnect asks the room for what
// changed after it (docs/api.md "Chat socket"), so nothing is fetched twice or missed. When
// the client is too far behind, the room says `reset` instead of replaying: then the next
// `ready` reloads over HTTP everything loaded and everything after it, in place, so the
// messages on screen stay where they are and show their latest state.
import { batch, computed, createModel, signal } from "@preact/signals";
import type { Message, Reaction } from "#protocol";
import type { History as Page } from "../../api/endpoints.ts";
import type { Api } from "../io.ts";
import { applyEdit, asDeleted, mergeMessages, patchMessage, skipsAhead } from "./messages.ts";

export const pageSize = 50;
const gapPageSize = 100;

export const ChatHistory = createModel(
  (
    chatId: string,
    api: Api["chats"],
    /** Called with every batch of messages merged in (the outbox lets go of them). */
    merged: (incoming: Message[]) => void,
    alive: () => boolean,
  ) => {
    const messages = signal<Message[]>([]);
    const hasMore = signal(false);
    const loadingOlder = signal(false);
    const lastSeq = computed(() => messages.value.at(-1)?.seq ?? 0);
    let revision = 0;
    let filling: Promise<boolean> | null = null;
    /** Set by `reset`: the loaded messages may have changed in ways no frame told of. */
    let stale = false;

    function add(incoming: Message[]): void {
      if (!incoming.length) return;
      batch(() => {
        messages.value = mergeMessages(messages.value, incoming);
        merged(incoming);
      });
    }

    /**
     * Fetches the messages after `from` up to `upTo`, page by page: a gap left by frames
     * missed while the socket was away. One fill at a time; the next `ready` checks again.
     * True when it got there.
     */
    function fill(from: number, upTo: number): Promise<boolean> {
      if (filling) return Promise.resolve(false);
      filling = pages(from, upTo).finally(() => {
        filling = null;
      });
      return filling;
    }

    async function pages(from: number, upTo: number): Promise<boolean> {
      let after = from;
      try {
        while (alive() && after < upTo) {
          const page = await api.history(chatId, { after, limit: gapPageSize });
          add(page.messages);
          const last = page.messages.at(-1)?.seq;
          if (!page.hasMore || last === undefined) break;
          after = last;
        }
        return alive();
      } catch {
        // The next reconnect's `ready` checks again.
        return false;
      }
    }

    /** After a reset: everything from the first message loaded up to `upTo`, merged in place
     * (a page never replaces a newer state, mergeMessages). Until it succeeds, every `ready`
     * tries again. */
    async function reload(upTo: number): Promise<void> {
      if (filling) await filling;
      if (!stale || !alive()) return;
      const from = (messages.value[0]?.seq ?? 1) - 1;
      if (await fill(from, upTo)) stale = false;
    }

    function saw(rev: number): void {
      revision = Math.max(revision, rev);
    }

    return {
      messages,
      hasMore,
      loadingOlder,
      lastSeq,

      rev: (): number => revision,

      /** A frame carried revision `rev`. */
      saw,

      /** The newest page, as the chat opens: from here on, catch-up starts at its rev. */
      opened: (page: Page): void => {
        revision = page.rev;
        add(page.messages);
        hasMore.value = page.hasMore;
      },

      /**
       * A new message from the socket. Live, a seq past the next one means frames were missed:
       * the messages in between are fetched. During catch-up the room may send a folded, later
       * state first, so gaps are checked at `ready` instead (`catchUp`).
       */
      received: (m: Message, live: boolean): void => {
        saw(m.rev);
        const before = lastSeq.value;
        const gap = live && skipsAhead(messages.value, m);
        add([m]);
        if (gap) void fill(before, m.seq - 1);
      },

      /** The room's newest seq, at `ready`: fetches whatever came after the last one loaded
       * (and, after a reset, reloads what is loaded). */
      catchUp: (upTo: number): void => {
        if (stale) void reload(upTo);
        else if (upTo > lastSeq.value) void fill(lastSeq.value, upTo);
      },

      /** The room would not replay what was missed (too much): live from `rev` on, and the
       * next `ready` reloads over HTTP. */
      reset: (rev: number): void => {
        saw(rev);
        stale = true;
      },

      edited: (m: Message): void => {
        saw(m.rev);
        const next = applyEdit(messages.value, m);
        if (next === messages.value) return;
        messages.value = next;
        merged([m]);
      },

      deleted: (seq: number, rev: number): void => {
        saw(rev);
        messages.value = patchMessage(messages.value, seq, (m) => asDeleted(m, rev));
      },

      reacted: (seq: number, reactions: Reaction[], rev: number): void => {
        saw(rev);
        messages.value = patchMessage(messages.value, seq, (m) => ({ ...m, reactions, rev }));
      },

      /** The page before the first message loaded (scrolling up). */
      loadOlder: async (): Promise<void> => {
        const first = messages.value[0];
        if (loadingOlder.value || !hasMore.value || !first) return;
        loadingOlder.value = true;
        try {
          const page = await api.history(chatId, { before: first.seq, limit: pageSize });
          batch(() => {
            add(page.messages);
            hasMore.value = page.hasMore;
          });
        } catch {
          // Scrolling up again retries.
        } finally {
          loadingOlder.value = false;
        }
      },
    };
  },
);

export type ChatHistoryModel = InstanceType<typeof ChatHistory>;
