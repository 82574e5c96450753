// The read mark moves only when the user can see the newest message: chat live, tab visible;
// the room hears of it at most once a second (less often in a big chat), always with the
// newest seq, and what is still waiting goes out when the chat closes.
import { signal } from "@preact/signals";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientFrame } from "#protocol";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { ReadMarks } from "../../../../../web/state/openChat/readMarks.ts";
import { readMarkEvery } from "#protocol";
import { readMarkEvery as benchReadMarkEvery } from "../../../../../bench/lib/read-pace.mjs";

const live = signal(true);
const lastSeq = signal(5);
let visible: boolean;
let sent: ClientFrame[];
let moved: number[];
let socketOpen: boolean;
let members: number;
let reads: InstanceType<typeof ReadMarks>;

beforeEach(() => {
  vi.useFakeTimers();
  live.value = true;
  lastSeq.value = 5;
  visible = true;
  socketOpen = true;
  sent = [];
  moved = [];
  members = 2;
  reads = new ReadMarks(
    { live, send: (f) => (socketOpen && sent.push(f), socketOpen) },
    lastSeq,
    { visible: () => visible },
    (seq) => moved.push(seq),
    () => members,
  );
});

afterEach(() => {
  dispose(reads);
  vi.useRealTimers();
});

describe("read marks", () => {
  it("tell the room how far the user has read, and zero the list's count", () => {
    reads.mark();
    expect(sent).toEqual([{ type: "read", seq: 5 }]);
    expect(moved).toEqual([5]);
  });

  it("are sent once per message, not on every scroll", () => {
    reads.mark();
    reads.mark();
    vi.advanceTimersByTime(5000);
    reads.mark();
    expect(sent).toEqual([{ type: "read", seq: 5 }]);
  });

  it("reach the room at most once a second, with the newest seq, while the list follows at once", () => {
    reads.mark();
    for (const seq of [6, 7, 8]) {
      lastSeq.value = seq;
      reads.mark();
    }
    expect(moved).toEqual([5, 6, 7, 8]);
    expect(sent).toEqual([{ type: "read", seq: 5 }]);
    vi.advanceTimersByTime(999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      { type: "read", seq: 5 },
      { type: "read", seq: 8 },
    ]);
    vi.advanceTimersByTime(5000);
    lastSeq.value = 9;
    reads.mark();
    expect(sent.at(-1)).toEqual({ type: "read", seq: 9 });
  });

  it("wait while the tab is hidden", () => {
    visible = false;
    reads.mark();
    expect(sent).toEqual([]);
    visible = true;
    reads.mark();
    expect(moved).toEqual([5]);
  });

  it("wait while the chat is not live, and go out when the socket takes them", () => {
    live.value = false;
    reads.mark();
    expect(moved).toEqual([]);
    live.value = true;
    socketOpen = false;
    reads.mark();
    expect(sent).toEqual([]);
    socketOpen = true;
    reads.mark();
    expect(sent).toEqual([{ type: "read", seq: 5 }]);
  });

  it("reach the room less often in a big chat: every ten seconds with a thousand members", () => {
    expect([0, 2, 100, 101, 250, 1000, 50_000].map(readMarkEvery)).toEqual([1000, 1000, 1000, 2000, 3000, 10_000, 10_000]);
    // The benchmark's readers pace themselves by the same rule.
    for (let n = 0; n <= 2000; n += 7) expect(benchReadMarkEvery(n)).toBe(readMarkEvery(n));
    members = 1000;
    reads.mark();
    lastSeq.value = 6;
    reads.mark();
    vi.advanceTimersByTime(9999);
    expect(sent).toEqual([{ type: "read", seq: 5 }]);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toEqual({ type: "read", seq: 6 });
  });

  it("send the mark still waiting when the chat closes", () => {
    members = 1000;
    reads.mark();
    lastSeq.value = 6;
    reads.mark();
    reads.flush();
    expect(sent).toEqual([
      { type: "read", seq: 5 },
      { type: "read", seq: 6 },
    ]);
    // Nothing waits any more: a second flush sends nothing.
    reads.flush();
    expect(sent).toHaveLength(2);
  });

  it("send nothing after the chat is closed", () => {
    reads.mark();
    lastSeq.value = 6;
    reads.mark();
    dispose(reads);
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual([{ type: "read", seq: 5 }]);
  });
});
