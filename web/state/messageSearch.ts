// Searching message text (GET /api/search), for the sidebar (every chat of the user) and for
// one open chat. Typing waits for a pause, and requests keep at least `minGap` apart: every
// search counts against the server's SEARCHES_PER_MINUTE (60 by default), so a person typing
// steadily, or scrolling through results, stays under it instead of being refused. If the
// server still says "too many", the search runs again when it says it may. Answers to an
// older query are dropped; more results load a page at a time (the API's cursor).
import { batch, createModel, signal } from "@preact/signals";
import type { SearchResult } from "../api/endpoints.ts";
import { ApiError, isApiError } from "../api/errors.ts";
import type { Api } from "./io.ts";
import { onDispose } from "./lifetime.ts";

const typingPauseMs = 400;
/** 60 a minute at most, with room for the other tab or two a person may have open. */
const minGap = 1200;
const pageSize = 20;
/** The API's limit on `q`. */
const queryMax = 100;

export interface SearchTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
}

const realTimers: SearchTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
};

export const MessageSearch = createModel((api: Api["messages"], chatId: string | null, timers: SearchTimers = realTimers) => {
  /** The query the results are for (trimmed). */
  const query = signal("");
  const results = signal<SearchResult[]>([]);
  const hasMore = signal(false);
  const loading = signal(false);
  /** Why the last request failed (an API error code); "rate_limited" retries by itself. */
  const error = signal<string | null>(null);

  let cursor: string | null = null;
  let token = 0;
  let lastRequest = -Infinity;
  let timer: unknown = null;

  function schedule(fn: () => void, delay: number): void {
    if (timer !== null) timers.clearTimeout(timer);
    const wait = Math.max(delay, lastRequest + minGap - timers.now());
    timer = timers.setTimeout(() => {
      timer = null;
      fn();
    }, wait);
  }

  async function fetchPage(q: string, more: boolean): Promise<void> {
    const mine = ++token;
    lastRequest = timers.now();
    loading.value = true;
    try {
      const page = await api.search(q, { chatId: chatId ?? undefined, cursor: more ? (cursor ?? undefined) : undefined, limit: pageSize });
      if (mine !== token) return;
      batch(() => {
        results.value = more ? [...results.value, ...page.results] : page.results;
        hasMore.value = page.nextCursor !== null;
        error.value = null;
        loading.value = false;
      });
      cursor = page.nextCursor;
    } catch (e) {
      if (mine !== token) return;
      const code = e instanceof ApiError ? e.code : "network";
      batch(() => {
        error.value = code;
        loading.value = code === "rate_limited";
      });
      if (isApiError(e, "rate_limited")) schedule(() => void fetchPage(q, more), ((e as ApiError).retryAfter ?? 5) * 1000);
    }
  }

  function clear(): void {
    token += 1;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    cursor = null;
    batch(() => {
      query.value = "";
      results.value = [];
      hasMore.value = false;
      loading.value = false;
      error.value = null;
    });
  }

  onDispose(clear);

  return {
    query,
    results,
    hasMore,
    loading,
    error,

    /** The box changed: search once typing pauses. An empty box clears at once. */
    type: (text: string): void => {
      const q = [...text.trim()].slice(0, queryMax).join("");
      if (!q) {
        clear();
        return;
      }
      if (q === query.peek() && timer === null) return;
      token += 1;
      batch(() => {
        query.value = q;
        loading.value = true;
      });
      schedule(() => void fetchPage(q, false), typingPauseMs);
    },

    /** The next page of results (scrolled to the end of the list). */
    more: (): void => {
      if (!hasMore.peek() || loading.peek() || !query.peek()) return;
      loading.value = true;
      const q = query.peek();
      schedule(() => void fetchPage(q, true), 0);
    },

    clear,
  };
});

export type MessageSearchModel = InstanceType<typeof MessageSearch>;
