// The user's read mark in the open chat. It moves when the newest loaded message is on
// screen in a visible tab and the chat is live: the chat list's unread count for this chat
// drops to zero at once, and the room is told (it tells the other members, whose ticks turn
// to "read"). A mark never moves back.
//
// The room hears of it at most once per `readMarkEvery(members)`, always with the newest
// seq: the first move after a quiet interval goes out at once, later ones wait for the rest
// of it. A reader at the bottom of a busy chat would otherwise send a frame per message,
// and the room broadcast each one to everyone: readers x messages frames in a busy room.
// The interval is a second in a chat of up to 100 members and grows with it (10 s for 1,000
// or more), so a room hears about a hundred read marks a second however many read along:
// each is an event the room must take in turn, and a thousand a second stalled a big room
// (docs/benchmarks.md). Ticks stay prompt: with many readers, someone's mark comes soon.
// A mark still waiting when the chat closes goes out then (`flush`).
import { createModel, type ReadonlySignal } from "@preact/signals";
import { readMarkEvery } from "#protocol";
import type { Page } from "../io.ts";
import { onDispose } from "../lifetime.ts";
import type { Link } from "./sending.ts";

export const ReadMarks = createModel(
  (
    link: Link,
    lastSeq: ReadonlySignal<number>,
    page: Pick<Page, "visible">,
    /** The mark moved to `seq` (the chat list zeroes its unread count). */
    moved: (seq: number) => void,
    /** How many members the chat has now (the interval grows with it). */
    members: () => number,
  ) => {
    /** The newest seq the user has seen, and the newest the room was told. */
    let seen = 0;
    let sent = 0;
    let sentAt = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = (): void => {
      timer = null;
      if (seen <= sent || !link.live.value) return;
      if (link.send({ type: "read", seq: seen })) {
        sent = seen;
        sentAt = Date.now();
      }
    };
    onDispose(() => {
      if (timer) clearTimeout(timer);
    });

    return {
      /** Sends a mark still waiting for its interval now (the chat is closing). */
      flush: (): void => {
        if (!timer) return;
        clearTimeout(timer);
        flush();
      },

      /** Called whenever it may have become true: a message, `ready`, scrolling to the bottom, the tab coming back. */
      mark: (): void => {
        const seq = lastSeq.value;
        if (!link.live.value || !page.visible()) return;
        if (seq > seen) {
          seen = seq;
          moved(seq);
        }
        if (seen <= sent || timer) return;
        const wait = sentAt + readMarkEvery(members()) - Date.now();
        if (wait <= 0) flush();
        else timer = setTimeout(flush, wait);
      },
    };
  },
);
