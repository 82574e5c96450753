// Message search: a request per pause in typing, never more than the server's limit however a
// person types or scrolls, results a page at a time, stale answers dropped, and a refusal for
// going too fast retried when the server says.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../../web/api/errors.ts";
import type { SearchPage } from "../../../../web/api/endpoints.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { MessageSearch, type MessageSearchModel } from "../../../../web/state/messageSearch.ts";
import { deferred, fakeWorld, type World } from "../fakes.ts";
import { message } from "../fixtures.ts";

let world: World;
let search: MessageSearchModel;

const page = (bodies: string[], nextCursor: string | null = null): SearchPage => ({
  results: bodies.map((body, i) => ({ chat: { id: "c1", name: "Chat" }, message: message(i + 1, { body }) })),
  nextCursor,
});

beforeEach(() => {
  vi.useFakeTimers();
  world = fakeWorld();
  search = new MessageSearch(world.io.api.messages, null);
});

afterEach(() => {
  dispose(search);
  vi.useRealTimers();
});

describe("message search", () => {
  it("asks once typing pauses, with the trimmed query, and shows the results", async () => {
    world.api.messages.search.mockResolvedValue(page(["тестовое сообщение"]));
    for (const q of ["т", "те", "тес", "тест "]) {
      search.type(q);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(world.api.messages.search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(world.api.messages.search.mock.calls).toEqual([["тест", { chatId: undefined, cursor: undefined, limit: 20 }]]);
    expect(search.results.value.map((r) => r.message.body)).toEqual(["тестовое сообщение"]);
    expect(search.query.value).toBe("тест");
  });

  it("stays under 60 requests a minute for someone typing without end", async () => {
    const at: number[] = [];
    world.api.messages.search.mockImplementation(async () => {
      at.push(Date.now());
      return page([]);
    });
    const letters = "the quick brown fox jumps over the lazy dog ".repeat(4);
    for (let i = 0; i < 300; i++) {
      search.type(letters.slice(0, (i % 150) + 1));
      // Typing with a word's pause now and then, as people do: about 70 pauses a minute.
      await vi.advanceTimersByTimeAsync(i % 4 === 0 ? 450 : 120);
    }
    expect(at.length).toBeGreaterThan(20);
    for (let i = 60; i < at.length; i++) expect(at[i]! - at[i - 60]!, `request ${i}`).toBeGreaterThan(60_000);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(1000);
  });

  it("loads the next page with the cursor and appends it", async () => {
    world.api.messages.search.mockResolvedValueOnce(page(["a1", "a2"], "cur1")).mockResolvedValueOnce(page(["a3"], null));
    search.type("a");
    await vi.advanceTimersByTimeAsync(400);
    expect(search.hasMore.value).toBe(true);
    search.more();
    await vi.advanceTimersByTimeAsync(1200);
    expect(world.api.messages.search.mock.calls[1]).toEqual(["a", { chatId: undefined, cursor: "cur1", limit: 20 }]);
    expect(search.results.value.map((r) => r.message.body)).toEqual(["a1", "a2", "a3"]);
    expect(search.hasMore.value).toBe(false);
  });

  it("drops an answer to an older query", async () => {
    const slow = deferred<SearchPage>();
    world.api.messages.search.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(page(["new"]));
    search.type("old");
    await vi.advanceTimersByTimeAsync(400);
    search.type("new");
    await vi.advanceTimersByTimeAsync(1200);
    slow.resolve(page(["old"]));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.results.value.map((r) => r.message.body)).toEqual(["new"]);
  });

  it("waits as long as the server asks after a refusal for going too fast, then searches again", async () => {
    world.api.messages.search.mockRejectedValueOnce(new ApiError("rate_limited", 429, "slow down", 7)).mockResolvedValueOnce(page(["found"]));
    search.type("x");
    await vi.advanceTimersByTimeAsync(400);
    expect(search.error.value).toBe("rate_limited");
    await vi.advanceTimersByTimeAsync(6000);
    expect(world.api.messages.search).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(world.api.messages.search).toHaveBeenCalledTimes(2);
    expect(search.results.value.map((r) => r.message.body)).toEqual(["found"]);
    expect(search.error.value).toBeNull();
  });

  it("searches one chat when made for it, and empties at once when the box is cleared", async () => {
    const one = new MessageSearch(world.io.api.messages, "c9");
    world.api.messages.search.mockResolvedValue(page(["hit"]));
    one.type("hit");
    await vi.advanceTimersByTimeAsync(400);
    expect(world.api.messages.search.mock.calls[0]![1]).toMatchObject({ chatId: "c9" });
    one.type("  ");
    expect(one.results.value).toEqual([]);
    expect(one.query.value).toBe("");
    dispose(one);
  });
});
