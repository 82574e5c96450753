// The loaded part of one chat's history: one ascending array of messages by `seq` (gap-free
// on the server), filled from four sides: the newest page when the chat opens, earlier pages
// on scroll-back, the socket's frames, and gap fills after frames were missed. The rules for
// combining them are the pure functions of messages.ts.
//
// It also keeps `rev`, the highest revision applied: every reconnect asks the room for what
// changed after it (docs/api.md "Chat socket"), so nothing is fetched twice or missed.
//
// Jumping to a message (a reply's original, a search result) that is not loaded: a little
// above what is loaded, older pages are fetched, so the way back down stays loaded; further
// away, the loaded messages are replaced by the page around it (`around`), a window that may
// not reach the newest message (`hasNewer`). While it does not, live messages are not added
// (they would leave a hole) and pages of newer messages load as the reader scrolls down;
// once the window reaches the end, whatever arrived meanwhile is fetched like any gap.
import { batch, computed, createModel, signal } from "@preact/signals";
import type { Message, Reaction } from "#protocol";
import type { History as Page } from "../../api/endpoints.ts";
import type { Api } from "../io.ts";
import { applyEdit, asDeleted, mergeMessages, patchMessage, skipsAhead } from "./messages.ts";

export const pageSize = 50;
const gapPageSize = 100;
/** A jump this far above the first loaded message fetches the pages in between. */
const nearJump = 2 * gapPageSize;

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
    /** The loaded messages stop before the newest: a window opened around an older one. */
    const hasNewer = signal(false);
    const loadingNewer = signal(false);
    /** The message to show and flash; `n` changes with every jump, even to the same seq. */
    const highlight = signal<{ seq: number; n: number } | null>(null);
    const lastSeq = computed(() => messages.value.at(-1)?.seq ?? 0);
    let revision = 0;
    let filling = false;
    /** The newest seq the room has told of, loaded or not. */
    let newest = 0;
    let jumps = 0;

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
     */
    async function fill(from: number, upTo: number): Promise<void> {
      if (filling) return;
      filling = true;
      let after = from;
      try {
        while (alive() && after < upTo) {
          const page = await api.history(chatId, { after, limit: gapPageSize });
          add(page.messages);
          const last = page.messages.at(-1)?.seq;
          if (!page.hasMore || last === undefined) break;
          after = last;
        }
      } catch {
        // The next reconnect's `ready` checks again.
      } finally {
        filling = false;
      }
    }

    function saw(rev: number): void {
      revision = Math.max(revision, rev);
    }

    /** Whatever came after the last loaded message, up to the newest the room told of. */
    function catchUp(upTo: number): void {
      newest = Math.max(newest, upTo);
      if (!hasNewer.value && newest > lastSeq.value) void fill(lastSeq.value, newest);
    }

    /** Replaces what is loaded by `page`, a window somewhere in the history. */
    function show(page: Page): void {
      batch(() => {
        messages.value = [];
        add(page.messages);
        hasMore.value = page.hasMore;
        hasNewer.value = page.hasNewer ?? false;
      });
      catchUp(newest);
    }

    async function loadOlder(limit = pageSize): Promise<void> {
      const first = messages.value[0];
      if (loadingOlder.value || !hasMore.value || !first) return;
      loadingOlder.value = true;
      try {
        const page = await api.history(chatId, { before: first.seq, limit });
        if (!alive()) return;
        batch(() => {
          add(page.messages);
          hasMore.value = page.hasMore;
        });
      } catch {
        // Scrolling up again retries.
      } finally {
        loadingOlder.value = false;
      }
    }

    function flash(seq: number): void {
      highlight.value = { seq, n: ++jumps };
    }

    return {
      messages,
      hasMore,
      loadingOlder,
      hasNewer,
      loadingNewer,
      highlight,
      lastSeq,

      rev: (): number => revision,

      /** A frame carried revision `rev`. */
      saw,

      /** The first page, as the chat opens (the newest, or the one around a message to show):
       * from here on, catch-up starts at its rev. */
      opened: (page: Page, focus?: number): void => {
        revision = page.rev;
        batch(() => {
          add(page.messages);
          hasMore.value = page.hasMore;
          hasNewer.value = page.hasNewer ?? false;
          if (focus !== undefined) flash(focus);
        });
      },

      /**
       * A new message from the socket. Live, a seq past the next one means frames were missed:
       * the messages in between are fetched. During catch-up the room may send a folded, later
       * state first, so gaps are checked at `ready` instead (`catchUp`).
       */
      received: (m: Message, live: boolean): void => {
        saw(m.rev);
        newest = Math.max(newest, m.seq);
        if (hasNewer.value) return;
        const before = lastSeq.value;
        const gap = live && skipsAhead(messages.value, m);
        add([m]);
        if (gap) void fill(before, m.seq - 1);
      },

      /** The room's newest seq, at `ready`: fetches whatever came after the last one loaded. */
      catchUp,

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
      loadOlder: (): Promise<void> => loadOlder(),

      /** The page after the last message loaded, while the window stops short of the newest. */
      loadNewer: async (): Promise<void> => {
        const last = messages.value.at(-1);
        if (loadingNewer.value || !hasNewer.value || !last) return;
        loadingNewer.value = true;
        try {
          const page = await api.history(chatId, { after: last.seq, limit: pageSize });
          if (!alive()) return;
          batch(() => {
            add(page.messages);
            hasNewer.value = page.hasMore;
          });
          catchUp(newest);
        } catch {
          // Scrolling down again retries.
        } finally {
          loadingNewer.value = false;
        }
      },

      /** Shows message `seq`: loads it if needed (see the header), then flashes it. */
      jumpTo: async (seq: number): Promise<void> => {
        const mine = ++jumps;
        try {
          const first = messages.value[0]?.seq;
          if (first !== undefined && seq < first && first - seq <= nearJump) {
            while (alive() && mine === jumps && hasMore.value && (messages.value[0]?.seq ?? 0) > seq) {
              const before = messages.value[0]?.seq;
              await loadOlder(gapPageSize);
              if (messages.value[0]?.seq === before) break;
            }
          } else if (first === undefined || seq < first || seq > lastSeq.value) {
            const page = await api.history(chatId, { around: seq, limit: pageSize });
            if (!alive() || mine !== jumps) return;
            show(page);
          }
        } catch {
          return;
        }
        if (alive() && messages.value.some((m) => m.seq === seq)) flash(seq);
      },

      /** Back to the newest messages: the latest page replaces a window that stops short. */
      toLatest: async (): Promise<void> => {
        if (!hasNewer.value) return;
        ++jumps;
        try {
          const page = await api.history(chatId, { limit: pageSize });
          if (alive()) show({ ...page, hasNewer: false });
        } catch {
          // The button stays; pressing it again retries.
        }
      },
    };
  },
);

export type ChatHistoryModel = InstanceType<typeof ChatHistory>;
