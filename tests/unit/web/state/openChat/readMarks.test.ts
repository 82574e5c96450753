// The read mark moves only when the user can see the newest message: chat live, tab visible.
import { signal } from "@preact/signals";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClientFrame } from "#protocol";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { ReadMarks } from "../../../../../web/state/openChat/readMarks.ts";

const live = signal(true);
const lastSeq = signal(5);
let visible: boolean;
let sent: ClientFrame[];
let moved: number[];
let socketOpen: boolean;
let reads: InstanceType<typeof ReadMarks>;

beforeEach(() => {
  live.value = true;
  lastSeq.value = 5;
  visible = true;
  socketOpen = true;
  sent = [];
  moved = [];
  reads = new ReadMarks(
    { live, send: (f) => (socketOpen && sent.push(f), socketOpen) },
    lastSeq,
    { visible: () => visible },
    (seq) => moved.push(seq),
  );
});

afterEach(() => {
  dispose(reads);
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
    lastSeq.value = 6;
    reads.mark();
    expect(sent).toEqual([
      { type: "read", seq: 5 },
      { type: "read", seq: 6 },
    ]);
  });

  it("wait while the tab is hidden", () => {
    visible = false;
    reads.mark();
    expect(sent).toEqual([]);
    visible = true;
    reads.mark();
    expect(moved).toEqual([5]);
  });

  it("wait while the chat is not live, and when the socket could not take them", () => {
    live.value = false;
    reads.mark();
    live.value = true;
    socketOpen = false;
    reads.mark();
    expect(moved).toEqual([]);
    socketOpen = true;
    reads.mark();
    expect(moved).toEqual([5]);
  });
});
