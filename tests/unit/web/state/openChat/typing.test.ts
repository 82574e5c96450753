// Typing notices: ours go out at most every 3 s while typing, and again right after a
// message was sent; the others' fade 6 s after their last notice or when their message arrives.
import { signal } from "@preact/signals";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientFrame } from "#protocol";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { TypingNotice, TypingTracker } from "../../../../../web/state/openChat/typing.ts";
import { user } from "../../fixtures.ts";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-20T10:00:00Z"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("our typing notices", () => {
  const live = signal(true);
  let sent: ClientFrame[];
  let notice: InstanceType<typeof TypingNotice>;

  beforeEach(() => {
    live.value = true;
    sent = [];
    notice = new TypingNotice({ live, send: (f) => (sent.push(f), true) });
  });

  afterEach(() => {
    dispose(notice);
  });

  it("go out at most once every 3 seconds of typing", () => {
    for (let i = 0; i < 70; i++) {
      notice.typed();
      vi.advanceTimersByTime(100);
    }
    // 7 s of keystrokes: at 0, 3 and 6 s.
    expect(sent).toEqual([{ type: "typing" }, { type: "typing" }, { type: "typing" }]);
  });

  it("go out again at once after a message was sent", () => {
    notice.typed();
    notice.sent();
    notice.typed();
    expect(sent).toHaveLength(2);
  });

  it("are not sent while the chat is not live", () => {
    live.value = false;
    notice.typed();
    expect(sent).toEqual([]);
    live.value = true;
    notice.typed();
    expect(sent).toHaveLength(1);
  });
});

describe("the others' typing", () => {
  it("shows who is typing, the latest last, once each", () => {
    const t = new TypingTracker();
    t.saw(user("ben"));
    t.saw(user("cat"));
    t.saw(user("ben"));
    expect(t.users.value.map((u) => u.id)).toEqual(["cat", "ben"]);
    t.dispose();
  });

  it("fades 6 seconds after the last notice", () => {
    const t = new TypingTracker();
    t.saw(user("ben"));
    vi.advanceTimersByTime(3000);
    t.saw(user("cat"));
    vi.advanceTimersByTime(3100);
    expect(t.users.value.map((u) => u.id)).toEqual(["cat"]);
    vi.advanceTimersByTime(3000);
    expect(t.users.value).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends at once when their message arrives", () => {
    const t = new TypingTracker();
    t.saw(user("ben"));
    t.stopped("ben");
    expect(t.users.value).toEqual([]);
    t.dispose();
  });

  it("leaves no timer behind when the chat closes", () => {
    const t = new TypingTracker();
    t.saw(user("ben"));
    expect(vi.getTimerCount()).toBe(1);
    t.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
