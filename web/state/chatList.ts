// The chat list: every chat of the signed-in user, latest activity first, plus the results
// of a name search. Updates come from three places (GET /api/chats, inbox frames, and the
// open chat's socket) and all go through `upsert`, so ordering lives in one function.
//
// Lookups are computed signals, not methods: createModel turns every method into an
// untracked action, and a computed that called one would never update.
import { batch, computed, createModel, signal } from "@preact/signals";
import { byActivity, type Chat, type Message, type User } from "#protocol";
import type { Api, Page } from "./io.ts";
import { onDispose } from "./lifetime.ts";
import { chatWithProfile, mapChanged } from "./profiles.ts";

/**
 * The chat after `message` arrived, or null when it is not news (already counted). It moves
 * up; it counts as unread unless it is the user's own or a system line; the user's own
 * message also moves their read mark, since they have obviously seen the chat up to it.
 */
export function withMessage(chat: Chat, message: Message, myId: string): Chat | null {
  if (message.seq <= chat.lastSeq) return null;
  const mine = message.sender?.id === myId;
  const counts = message.kind === "text" && !mine;
  const mentionsMe = counts && (message.mentions?.some((m) => m.id === myId) ?? false);
  return {
    ...chat,
    lastMessage: message,
    lastSeq: message.seq,
    unread: chat.unread + (counts ? 1 : 0),
    unreadMentions: chat.unreadMentions + (mentionsMe ? 1 : 0),
    lastReadSeq: mine ? message.seq : chat.lastReadSeq,
  };
}

/** The chat after the user read up to `seq`, or null when nothing changes. */
export function withRead(chat: Chat, seq: number): Chat | null {
  if (chat.unread === 0 && chat.unreadMentions === 0 && chat.lastReadSeq >= seq) return null;
  return { ...chat, unread: 0, unreadMentions: 0, lastReadSeq: Math.max(chat.lastReadSeq, seq) };
}

/** The unread total of the tab's title and icon: unread messages of chats that are not muted,
 * and in muted ones only those that mention the user (they notify even there). */
export function unreadTotal(chats: Chat[]): number {
  return chats.reduce((n, c) => n + (c.muted ? c.unreadMentions : c.unread), 0);
}

function sorted(list: Chat[]): Chat[] {
  return [...list].sort(byActivity);
}

export const ChatList = createModel((api: Api["chats"], page: Page) => {
  const all = signal<Chat[]>([]);
  const loaded = signal(false);
  const loadError = signal<string | null>(null);
  const query = signal("");
  const results = signal<Chat[] | null>(null);
  const searching = signal(false);
  /** The chat the user is looking at: its unread count stays 0 while the tab is visible. */
  const focused = signal<string | null>(null);

  /** What the list shows: the search results while a query is typed, else everything. */
  const visible = computed(() => (query.value.trim() ? (results.value ?? []) : all.value));
  const totalUnread = computed(() => unreadTotal(all.value));
  /** Every chat known here by id: the user's own, and search results (a public chat being read). */
  const byId = computed(() => {
    const map = new Map<string, Chat>();
    for (const c of results.value ?? []) map.set(c.id, c);
    for (const c of all.value) map.set(c.id, c);
    return map;
  });

  let searchToken = 0;
  let disposed = false;

  function normalize(c: Chat): Chat {
    const reading = focused.peek() === c.id && page.visible();
    return reading && (c.unread || c.unreadMentions) ? { ...c, unread: 0, unreadMentions: 0, lastReadSeq: c.lastSeq } : c;
  }

  function upsert(chat: Chat): void {
    if (disposed) return;
    const c = normalize(chat);
    batch(() => {
      all.value = sorted([c, ...all.value.filter((x) => x.id !== c.id)]);
      if (results.value?.some((x) => x.id === c.id)) {
        results.value = sorted(results.value.map((x) => (x.id === c.id ? c : x)));
      }
    });
  }

  function change(chatId: string, next: (chat: Chat) => Chat | null): void {
    const chat = byId.peek().get(chatId);
    const updated = chat && next(chat);
    if (updated) upsert(updated);
  }

  onDispose(() => {
    // Nothing of this user's list stays on screen, and no late answer lands in it.
    disposed = true;
    searchToken += 1;
    batch(() => {
      all.value = [];
      results.value = null;
      query.value = "";
      searching.value = false;
      loaded.value = false;
      loadError.value = null;
      focused.value = null;
    });
  });

  return {
    all,
    loaded,
    loadError,
    query,
    searching,
    focused,
    visible,
    totalUnread,
    byId,

    reload: async (): Promise<void> => {
      try {
        const list = await api.list();
        if (disposed) return;
        batch(() => {
          all.value = sorted(list.map(normalize));
          loaded.value = true;
          loadError.value = null;
        });
      } catch (e) {
        if (!disposed) loadError.value = e instanceof Error ? e.message : String(e);
      }
    },

    /** Filters by name on the server (case-insensitive in every script); stale answers are dropped. */
    search: async (q: string): Promise<void> => {
      if (disposed) return;
      query.value = q;
      const token = ++searchToken;
      if (!q.trim()) {
        results.value = null;
        searching.value = false;
        return;
      }
      searching.value = true;
      try {
        const list = await api.list(q);
        if (token === searchToken) results.value = sorted(list.map(normalize));
      } catch {
        if (token === searchToken) results.value = [];
      } finally {
        if (token === searchToken) searching.value = false;
      }
    },

    upsert,

    remove: (chatId: string): void => {
      batch(() => {
        all.value = all.value.filter((c) => c.id !== chatId);
        if (results.value) results.value = results.value.filter((c) => c.id !== chatId);
      });
    },

    /** A message arrived in the open chat: move the chat up and count it unless it is being read. */
    noteMessage: (chatId: string, message: Message, myId: string): void => {
      change(chatId, (chat) => withMessage(chat, message, myId));
    },

    /** Someone changed their name or picture: their direct chat and their last messages show it. */
    profileChanged: (user: User): void => {
      batch(() => {
        all.value = mapChanged(all.value, (c) => chatWithProfile(c, user));
        if (results.value) results.value = mapChanged(results.value, (c) => chatWithProfile(c, user));
      });
    },

    noteRead: (chatId: string, seq: number): void => {
      change(chatId, (chat) => withRead(chat, seq));
    },

    focus: (chatId: string | null): void => {
      focused.value = chatId;
    },

    /** Mutes or unmutes a chat for the user (the list's menu, the info panel). */
    setMuted: async (chatId: string, muted: boolean): Promise<void> => {
      upsert(await api.settings(chatId, { muted }));
    },

    create: async (name: string): Promise<Chat> => {
      const chat = await api.create({ name: name.trim() });
      upsert(chat);
      return chat;
    },
  };
});

export type ChatListModel = InstanceType<typeof ChatList>;
