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
//
// Jumping to a message (a reply's original, a search result) that is not loaded: a little
// above what is loaded, older pages are fetched, so the way back down stays loaded; further
// away, the loaded messages are replaced by the page around it (`around`), a window that may
// not reach the newest message (`hasNewer`). While it does not, live messages are not added
// (they would leave a hole) and pages of newer messages load as the reader scrolls down;
// once the window reaches the end, whatever arrived meanwhile is fetched like any gap. A
// reset reloads such a window as far as it goes. A page still on its way when the window is
// replaced (a gap fill, scrolling up or down) is dropped: it belongs to the old window and
// would leave a hole in the new one.
import { batch, computed, createModel, signal } from "@preact/signals";
import type { Message, Reaction, User } from "#protocol";
import type { History as Page } from "../../api/endpoints.ts";
import type { Api } from "../io.ts";
import { mapChanged, messageWithProfile } from "../profiles.ts";
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
    let filling: Promise<boolean> | null = null;
    /** Set by `reset`: the loaded messages may have changed in ways no frame told of. */
    let stale = false;
    /** The newest seq the room has told of, loaded or not. */
    let newest = 0;
    let jumps = 0;
    /** Changes whenever the loaded messages are replaced by another window (`show`). */
    let windows = 0;

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
      const window = windows;
      let after = from;
      try {
        while (alive() && after < upTo) {
          const page = await api.history(chatId, { after, limit: gapPageSize });
          if (window !== windows) return false;
          add(page.messages);
          const last = page.messages.at(-1)?.seq;
          if (!page.hasMore || last === undefined) break;
          after = last;
        }
        return alive() && window === windows;
      } catch {
        // The next reconnect's `ready` checks again.
        return false;
      }
    }

    /** After a reset: everything from the first message loaded up to the newest (or, for a
     * window that stops short of it, to the window's end), merged in place (a page never
     * replaces a newer state, mergeMessages). Until it succeeds, every `ready` tries again. */
    async function reload(): Promise<void> {
      if (filling) await filling;
      if (!stale || !alive()) return;
      const from = (messages.value[0]?.seq ?? 1) - 1;
      if (await fill(from, hasNewer.value ? lastSeq.value : newest)) stale = false;
    }

    function saw(rev: number): void {
      revision = Math.max(revision, rev);
    }

    /** Whatever came after the last loaded message, up to the newest the room told of (and,
     * after a reset, what is loaded). */
    function catchUp(upTo: number): void {
      newest = Math.max(newest, upTo);
      if (stale) void reload();
      else if (!hasNewer.value && newest > lastSeq.value) void fill(lastSeq.value, newest);
    }

    /** Replaces what is loaded by `page`, a window somewhere in the history. */
    function show(page: Page): void {
      windows += 1;
      batch(() => {
        messages.value = [];
        add(page.messages);
        hasMore.value = page.hasMore;
        hasNewer.value = page.hasNewer ?? false;
      });
      // A fill of the previous window stops at its next page (pages); this window's own
      // catch-up waits for it, as only one fill runs at a time.
      const window = windows;
      if (filling) void filling.then(() => window === windows && alive() && catchUp(newest));
      else catchUp(newest);
    }

    async function loadOlder(limit = pageSize): Promise<void> {
      const first = messages.value[0];
      if (loadingOlder.value || !hasMore.value || !first) return;
      loadingOlder.value = true;
      const window = windows;
      try {
        const page = await api.history(chatId, { before: first.seq, limit });
        if (!alive() || window !== windows) return;
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
      /** Someone changed their name or picture: their loaded messages show the new one. */
      profileChanged: (user: User): void => {
        messages.value = mapChanged(messages.value, (m) => messageWithProfile(m, user));
      },
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

      /** The room's newest seq, at `ready`: fetches whatever came after the last one loaded
       * (and, after a reset, reloads what is loaded). */
      catchUp,

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
      loadOlder: (): Promise<void> => loadOlder(),

      /** The page after the last message loaded, while the window stops short of the newest. */
      loadNewer: async (): Promise<void> => {
        const last = messages.value.at(-1);
        if (loadingNewer.value || !hasNewer.value || !last) return;
        loadingNewer.value = true;
        const window = windows;
        try {
          const page = await api.history(chatId, { after: last.seq, limit: pageSize });
          if (!alive() || window !== windows) return;
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
