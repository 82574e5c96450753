// One chat's loaded history, fed by pages and frames: what the user scrolls through, and the
// revision a reconnect resumes from.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Message } from "#protocol";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { ChatHistory, type ChatHistoryModel } from "../../../../../web/state/openChat/history.ts";
import { deferred, fakeWorld, settle, type World } from "../../fakes.ts";
import { message } from "../../fixtures.ts";

const seqs = (list: { seq: number }[]) => list.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));

let world: World;
let history: ChatHistoryModel;
let merged: Message[][];
let alive: boolean;

beforeEach(() => {
  world = fakeWorld();
  merged = [];
  alive = true;
  history = new ChatHistory("c1", world.io.api.chats, (m) => merged.push(m), () => alive);
});

afterEach(() => {
  dispose(history);
});

describe("opening", () => {
  it("shows the newest page and resumes catch-up from its revision", () => {
    history.opened({ messages: range(51, 100), hasMore: true, rev: 140 });
    expect(history.lastSeq.value).toBe(100);
    expect(history.hasMore.value).toBe(true);
    expect(history.rev()).toBe(140);
    expect(merged).toHaveLength(1);
  });
});

describe("frames", () => {
  beforeEach(() => {
    history.opened({ messages: range(1, 3), hasMore: false, rev: 3 });
  });

  it("appends a new message and moves the revision", () => {
    history.received(message(4, { rev: 7 }), true);
    expect(seqs(history.messages.value)).toEqual([1, 2, 3, 4]);
    expect(history.rev()).toBe(7);
    expect(world.api.chats.history).not.toHaveBeenCalled();
  });

  it("fetches the messages a live frame skipped, so the history reads straight", async () => {
    world.api.chats.history.mockResolvedValueOnce({ messages: range(4, 6), hasMore: true, rev: 9 });
    history.received(message(6, { rev: 6 }), true);
    expect(seqs(history.messages.value)).toEqual([1, 2, 3, 6]);
    await settle();
    expect(world.api.chats.history.mock.calls).toEqual([["c1", { after: 3, limit: 100 }]]);
    expect(seqs(history.messages.value)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("leaves gaps during catch-up alone: the room may send a later state first, and `ready` checks", () => {
    history.received(message(6), false);
    expect(world.api.chats.history).not.toHaveBeenCalled();
  });

  it("never moves the revision back", () => {
    history.saw(20);
    history.received(message(4, { rev: 5 }), true);
    expect(history.rev()).toBe(20);
  });

  it("applies edits, deletions and reactions to loaded messages", () => {
    history.edited(message(2, { rev: 8, body: "fixed" }));
    history.deleted(3, 9);
    history.reacted(1, [{ emoji: "🎉", count: 1, me: false }], 10);
    expect(history.messages.value.map((m) => [m.seq, m.body, m.deleted, m.reactions.length, m.rev])).toEqual([
      [1, "message 1", false, 1, 10],
      [2, "fixed", false, 0, 8],
      [3, "", true, 0, 9],
    ]);
    expect(history.rev()).toBe(10);
  });
});

describe("frames about messages not loaded", () => {
  it("take their revision but show nothing", () => {
    history.opened({ messages: range(10, 12), hasMore: true, rev: 12 });
    history.edited(message(2, { rev: 30, body: "old one, edited" }));
    history.deleted(1, 31);
    expect(seqs(history.messages.value)).toEqual([10, 11, 12]);
    expect(history.rev()).toBe(31);
  });
});

describe("pages", () => {
  it("catches up page by page to the seq the room announced at `ready`", async () => {
    history.opened({ messages: range(1, 2), hasMore: false, rev: 2 });
    world.api.chats.history
      .mockResolvedValueOnce({ messages: range(3, 102), hasMore: true, rev: 200 })
      .mockResolvedValueOnce({ messages: range(103, 150), hasMore: false, rev: 200 });
    history.catchUp(150);
    await settle();
    expect(world.api.chats.history.mock.calls).toEqual([
      ["c1", { after: 2, limit: 100 }],
      ["c1", { after: 102, limit: 100 }],
    ]);
    expect(seqs(history.messages.value)).toEqual(range(1, 150).map((m) => m.seq));
  });

  it("asks nothing when the room has nothing newer", () => {
    history.opened({ messages: range(1, 2), hasMore: false, rev: 2 });
    history.catchUp(2);
    expect(world.api.chats.history).not.toHaveBeenCalled();
  });

  it("fills one gap at a time, and stops when the chat is closed", async () => {
    history.opened({ messages: range(1, 2), hasMore: false, rev: 2 });
    const page = deferred<{ messages: Message[]; hasMore: boolean; rev: number }>();
    world.api.chats.history.mockReturnValueOnce(page.promise);
    history.catchUp(300);
    history.catchUp(300);
    alive = false;
    page.resolve({ messages: range(3, 102), hasMore: true, rev: 400 });
    await settle();
    expect(world.api.chats.history).toHaveBeenCalledTimes(1);
  });

  it("puts an earlier page above what is loaded when scrolling up", async () => {
    history.opened({ messages: range(51, 100), hasMore: true, rev: 100 });
    world.api.chats.history.mockResolvedValueOnce({ messages: range(1, 50), hasMore: false, rev: 100 });
    await history.loadOlder();
    expect(world.api.chats.history).toHaveBeenCalledWith("c1", { before: 51, limit: 50 });
    expect(history.messages.value[0]?.seq).toBe(1);
    expect(history.messages.value).toHaveLength(100);
    expect(history.hasMore.value).toBe(false);
    expect(history.loadingOlder.value).toBe(false);
  });

  it("asks for one earlier page at a time, and none past the start", async () => {
    history.opened({ messages: range(51, 100), hasMore: true, rev: 100 });
    const page = deferred<{ messages: Message[]; hasMore: boolean; rev: number }>();
    world.api.chats.history.mockReturnValueOnce(page.promise);
    const first = history.loadOlder();
    await history.loadOlder();
    page.resolve({ messages: range(1, 50), hasMore: false, rev: 100 });
    await first;
    await history.loadOlder();
    expect(world.api.chats.history).toHaveBeenCalledTimes(1);
  });

  it("lets scrolling up try again after a failed page", async () => {
    history.opened({ messages: range(51, 100), hasMore: true, rev: 100 });
    world.api.chats.history.mockRejectedValueOnce(new Error("offline"));
    await history.loadOlder();
    expect(history.loadingOlder.value).toBe(false);
    expect(history.hasMore.value).toBe(true);
  });
});

describe("a reset (the room would not replay what was missed)", () => {
  it("reloads everything loaded and after it at `ready`, in place, with the latest state", async () => {
    history.opened({ messages: range(51, 100), hasMore: true, rev: 100 });
    history.reset(2000);
    expect(history.rev()).toBe(2000);
    // Message 60 was edited and 61 deleted while the client was away; 1,100 more arrived.
    const reloaded = (from: number, to: number) =>
      range(from, to).map((m) => (m.seq === 60 ? { ...m, body: "edited meanwhile", rev: 1500 } : m.seq === 61 ? { ...m, deleted: true, body: "", rev: 1501 } : m));
    world.api.chats.history.mockImplementation(async (_chat, q) => {
      const after = (q as { after: number }).after;
      const to = Math.min(after + 100, 1200);
      return { messages: reloaded(after + 1, to), hasMore: to < 1200, rev: 2000 };
    });
    history.catchUp(1200);
    await settle();
    expect(world.api.chats.history.mock.calls[0]).toEqual(["c1", { after: 50, limit: 100 }]);
    expect(seqs(history.messages.value)).toEqual(range(51, 1200).map((m) => m.seq));
    expect(history.messages.value.find((m) => m.seq === 60)?.body).toBe("edited meanwhile");
    expect(history.messages.value.find((m) => m.seq === 61)?.deleted).toBe(true);
    // Scroll-back still starts above the first message that was loaded.
    expect(history.hasMore.value).toBe(true);
    // Done: the next `ready` only fetches what is new.
    world.api.chats.history.mockClear();
    history.catchUp(1200);
    await settle();
    expect(world.api.chats.history).not.toHaveBeenCalled();
  });

  it("tries the reload again at the next `ready` when it failed", async () => {
    history.opened({ messages: range(1, 3), hasMore: false, rev: 3 });
    history.reset(5000);
    world.api.chats.history.mockRejectedValueOnce(new Error("offline"));
    history.catchUp(3);
    await settle();
    world.api.chats.history.mockResolvedValueOnce({ messages: range(1, 3).map((m) => ({ ...m, body: "new text", rev: 4000 })), hasMore: false, rev: 5000 });
    history.catchUp(3);
    await settle();
    expect(world.api.chats.history.mock.calls).toEqual([
      ["c1", { after: 0, limit: 100 }],
      ["c1", { after: 0, limit: 100 }],
    ]);
    expect(history.messages.value.map((m) => m.body)).toEqual(["new text", "new text", "new text"]);
  });

  it("waits for a gap fill in flight, then reloads over it", async () => {
    history.opened({ messages: range(1, 3), hasMore: false, rev: 3 });
    const gap = deferred<{ messages: Message[]; hasMore: boolean; rev: number }>();
    world.api.chats.history.mockReturnValueOnce(gap.promise);
    history.received(message(6, { rev: 6 }), true);
    history.reset(5000);
    world.api.chats.history.mockResolvedValueOnce({ messages: range(1, 6).map((m) => ({ ...m, rev: 4000 })), hasMore: false, rev: 5000 });
    history.catchUp(6);
    gap.resolve({ messages: range(4, 5), hasMore: false, rev: 6 });
    await settle();
    expect(world.api.chats.history.mock.calls).toEqual([
      ["c1", { after: 3, limit: 100 }],
      ["c1", { after: 0, limit: 100 }],
    ]);
    expect(history.messages.value.map((m) => m.rev)).toEqual([4000, 4000, 4000, 4000, 4000, 4000]);
  });
});

describe("jumping to a message", () => {
  it("flashes a message that is loaded, asking nothing", async () => {
    history.opened({ messages: range(51, 100), hasMore: true, rev: 100 });
    await history.jumpTo(70);
    expect(world.api.chats.history).not.toHaveBeenCalled();
    expect(history.highlight.value?.seq).toBe(70);
  });

  it("loads the older pages up to a message a little above, keeping what is loaded", async () => {
    history.opened({ messages: range(151, 200), hasMore: true, rev: 200 });
    world.api.chats.history
      .mockResolvedValueOnce({ messages: range(51, 150), hasMore: true, rev: 200 })
      .mockResolvedValueOnce({ messages: range(1, 50), hasMore: false, rev: 200 });
    await history.jumpTo(30);
    expect(world.api.chats.history.mock.calls).toEqual([
      ["c1", { before: 151, limit: 100 }],
      ["c1", { before: 51, limit: 100 }],
    ]);
    expect(seqs(history.messages.value)).toEqual(range(1, 200).map((m) => m.seq));
    expect(history.hasNewer.value).toBe(false);
    expect(history.highlight.value?.seq).toBe(30);
  });

  it("opens the page around a message far above, a window short of the newest", async () => {
    history.opened({ messages: range(951, 1000), hasMore: true, rev: 1000 });
    world.api.chats.history.mockResolvedValueOnce({ messages: range(76, 125), hasMore: true, hasNewer: true, rev: 1000 });
    await history.jumpTo(100);
    expect(world.api.chats.history).toHaveBeenCalledWith("c1", { around: 100, limit: 50 });
    expect(seqs(history.messages.value)).toEqual(range(76, 125).map((m) => m.seq));
    expect(history.hasNewer.value).toBe(true);
    expect(history.highlight.value?.seq).toBe(100);
  });

  it("adds no live message to a window that stops short, and fills the gap once the window reaches the end", async () => {
    history.opened({ messages: range(1, 50), hasMore: false, hasNewer: true, rev: 300 }, 10);
    history.received(message(301), true);
    expect(seqs(history.messages.value).at(-1)).toBe(50);
    expect(world.api.chats.history).not.toHaveBeenCalled();
    world.api.chats.history
      .mockResolvedValueOnce({ messages: range(51, 100), hasMore: false, rev: 300 })
      .mockResolvedValueOnce({ messages: range(101, 200), hasMore: true, rev: 301 })
      .mockResolvedValueOnce({ messages: range(201, 301), hasMore: false, rev: 301 });
    // The room says 100 is the last of this page (hasMore false): the window is at the end,
    // and what arrived while it was not (up to 301) is fetched like any gap.
    await history.loadNewer();
    await settle();
    expect(history.hasNewer.value).toBe(false);
    expect(world.api.chats.history.mock.calls[0]).toEqual(["c1", { after: 50, limit: 50 }]);
    expect(world.api.chats.history.mock.calls[1]).toEqual(["c1", { after: 100, limit: 100 }]);
    expect(seqs(history.messages.value)).toEqual(range(1, 301).map((m) => m.seq));
  });

  it("goes back to the newest page from a window", async () => {
    history.opened({ messages: range(1, 50), hasMore: false, hasNewer: true, rev: 300 }, 10);
    world.api.chats.history.mockResolvedValueOnce({ messages: range(251, 300), hasMore: true, rev: 300 });
    await history.toLatest();
    expect(world.api.chats.history).toHaveBeenCalledWith("c1", { limit: 50 });
    expect(seqs(history.messages.value)).toEqual(range(251, 300).map((m) => m.seq));
    expect([history.hasMore.value, history.hasNewer.value]).toEqual([true, false]);
  });

  it("drops the answer to a jump overtaken by another", async () => {
    history.opened({ messages: range(951, 1000), hasMore: true, rev: 1000 });
    const slow = deferred<{ messages: Message[]; hasMore: boolean; hasNewer: boolean; rev: number }>();
    world.api.chats.history.mockReturnValueOnce(slow.promise).mockResolvedValueOnce({ messages: range(476, 525), hasMore: true, hasNewer: true, rev: 1000 });
    const first = history.jumpTo(100);
    await history.jumpTo(500);
    slow.resolve({ messages: range(76, 125), hasMore: true, hasNewer: true, rev: 1000 });
    await first;
    expect(seqs(history.messages.value)[0]).toBe(476);
    expect(history.highlight.value?.seq).toBe(500);
  });
});

describe("a reset or a gap fill while a window is shown", () => {
  it("reloads a window that stops short of the newest only as far as it goes, and adds nothing live", async () => {
    history.opened({ messages: range(101, 150), hasMore: true, hasNewer: true, rev: 300 }, 120);
    history.reset(2000);
    history.received(message(1200, { rev: 2001 }), true);
    world.api.chats.history.mockResolvedValueOnce({ messages: range(101, 150).map((m) => ({ ...m, body: "as it is now", rev: 1900 })), hasMore: true, rev: 2001 });
    history.catchUp(1200);
    await settle();
    expect(world.api.chats.history.mock.calls).toEqual([["c1", { after: 100, limit: 100 }]]);
    expect(seqs(history.messages.value)).toEqual(range(101, 150).map((m) => m.seq));
    expect(new Set(history.messages.value.map((m) => m.body))).toEqual(new Set(["as it is now"]));
    expect(history.hasNewer.value).toBe(true);
    // Reloaded: the next `ready` asks for nothing until the reader scrolls down.
    world.api.chats.history.mockClear();
    history.catchUp(1200);
    await settle();
    expect(world.api.chats.history).not.toHaveBeenCalled();
  });

  it("drops the pages of a gap fill whose window was replaced by a jump, leaving no hole", async () => {
    history.opened({ messages: range(951, 1000), hasMore: true, rev: 1000 });
    const gap = deferred<{ messages: Message[]; hasMore: boolean; rev: number }>();
    world.api.chats.history.mockReturnValueOnce(gap.promise);
    // 1001 and 1002 were missed: their fill is on its way when the reader jumps far back.
    history.received(message(1003, { rev: 1003 }), true);
    world.api.chats.history.mockResolvedValueOnce({ messages: range(76, 125), hasMore: true, hasNewer: true, rev: 1003 });
    await history.jumpTo(100);
    gap.resolve({ messages: range(1001, 1002), hasMore: false, rev: 1003 });
    await settle();
    expect(seqs(history.messages.value)).toEqual(range(76, 125).map((m) => m.seq));
    expect(history.highlight.value?.seq).toBe(100);
  });

  it("drops a page of newer messages asked for by a window that was replaced meanwhile", async () => {
    history.opened({ messages: range(1, 50), hasMore: false, hasNewer: true, rev: 300 }, 10);
    const slow = deferred<{ messages: Message[]; hasMore: boolean; rev: number }>();
    world.api.chats.history
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValueOnce({ messages: range(251, 300), hasMore: true, rev: 301 })
      .mockResolvedValueOnce({ messages: [message(301)], hasMore: false, rev: 301 });
    // Scrolling down asks for 51-100; 301 arrives; the reader goes back to the newest.
    const scrolled = history.loadNewer();
    history.received(message(301), true);
    await history.toLatest();
    slow.resolve({ messages: range(51, 100), hasMore: true, rev: 301 });
    await scrolled;
    await settle();
    expect(seqs(history.messages.value)).toEqual(range(251, 301).map((m) => m.seq));
    expect(history.hasNewer.value).toBe(false);
  });
});
