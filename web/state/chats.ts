// The chat list: every chat of the signed-in user, latest activity first, plus the results
// of a name search. Updates come from three places (GET /api/chats, inbox frames, and the
// open chat's socket) and all go through `upsert`, so ordering lives in one function.
import { batch, computed, signal } from "@preact/signals";
import { byActivity, type Chat, type Message } from "#protocol";
import { chats as api } from "../api/endpoints.ts";

export const all = signal<Chat[]>([]);
export const loaded = signal(false);
export const loadError = signal<string | null>(null);

export const query = signal("");
const results = signal<Chat[] | null>(null);
export const searching = signal(false);

/** The chat the user is looking at: its unread count stays 0 while the tab is visible. */
export const focusedChatId = signal<string | null>(null);

/** What the list shows: the search results while a query is typed, else everything. */
export const visible = computed(() => (query.value.trim() ? (results.value ?? []) : all.value));

export const totalUnread = computed(() => all.value.reduce((n, c) => n + (c.muted ? 0 : c.unread), 0));

function sorted(list: Chat[]): Chat[] {
  return [...list].sort(byActivity);
}

function isReading(chatId: string): boolean {
  return focusedChatId.value === chatId && document.visibilityState === "visible";
}

function normalize(c: Chat): Chat {
  return isReading(c.id) && c.unread ? { ...c, unread: 0, lastReadSeq: c.lastSeq } : c;
}

export function byId(id: string): Chat | undefined {
  return all.value.find((c) => c.id === id) ?? results.value?.find((c) => c.id === id);
}

export async function reload(): Promise<void> {
  try {
    const list = await api.list();
    batch(() => {
      all.value = sorted(list.map(normalize));
      loaded.value = true;
      loadError.value = null;
    });
  } catch (e) {
    loadError.value = e instanceof Error ? e.message : String(e);
  }
}

let searchToken = 0;

/** Filters by name on the server (case-insensitive in every script); stale answers are dropped. */
export async function search(q: string): Promise<void> {
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
}

export function upsert(chat: Chat): void {
  const c = normalize(chat);
  batch(() => {
    all.value = sorted([c, ...all.value.filter((x) => x.id !== c.id)]);
    if (results.value?.some((x) => x.id === c.id)) {
      results.value = sorted(results.value.map((x) => (x.id === c.id ? c : x)));
    }
  });
}

export function remove(chatId: string): void {
  batch(() => {
    all.value = all.value.filter((c) => c.id !== chatId);
    if (results.value) results.value = results.value.filter((c) => c.id !== chatId);
  });
}

/** A message arrived in the open chat: move the chat up and count it unless it is being read. */
export function noteMessage(chatId: string, message: Message, myId: string): void {
  const chat = byId(chatId);
  if (!chat || message.seq <= chat.lastSeq) return;
  const counts = message.kind === "text" && message.sender?.id !== myId;
  upsert({
    ...chat,
    lastMessage: message,
    lastSeq: message.seq,
    unread: chat.unread + (counts ? 1 : 0),
    lastReadSeq: message.sender?.id === myId ? message.seq : chat.lastReadSeq,
  });
}

export function noteRead(chatId: string, seq: number): void {
  const chat = byId(chatId);
  if (!chat || (chat.unread === 0 && chat.lastReadSeq >= seq)) return;
  upsert({ ...chat, unread: 0, lastReadSeq: Math.max(chat.lastReadSeq, seq) });
}

export async function create(name: string): Promise<Chat> {
  const chat = await api.create({ name: name.trim() });
  upsert(chat);
  return chat;
}

export function reset(): void {
  batch(() => {
    all.value = [];
    results.value = null;
    query.value = "";
    loaded.value = false;
    focusedChatId.value = null;
  });
}
