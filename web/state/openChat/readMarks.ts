// The user's read mark in the open chat. It moves when the newest loaded message is on
// screen in a visible tab and the chat is live: the room is told (it tells the other members,
// whose ticks turn to "read") and the chat list's unread count for this chat drops to zero.
// Each seq is sent once; a mark never moves back.
import { createModel, type ReadonlySignal } from "@preact/signals";
import type { Page } from "../io.ts";
import type { Link } from "./sending.ts";

export const ReadMarks = createModel(
  (
    link: Link,
    lastSeq: ReadonlySignal<number>,
    page: Pick<Page, "visible">,
    /** The mark moved to `seq` (the chat list zeroes its unread count). */
    moved: (seq: number) => void,
  ) => {
    let sent = 0;
    return {
      /** Called whenever it may have become true: a message, `ready`, scrolling to the bottom, the tab coming back. */
      mark: (): void => {
        const seq = lastSeq.value;
        if (!link.live.value || seq <= sent || !page.visible()) return;
        if (link.send({ type: "read", seq })) {
          sent = seq;
          moved(seq);
        }
      },
    };
  },
);
