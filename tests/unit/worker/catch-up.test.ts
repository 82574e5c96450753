// Catch-up folding (docs/api.md "Real time"): a client that has seen every change up to rev R
// gets, per message changed after R, the one frame that brings it to the latest state.
import { describe, expect, it } from "vitest";
import type { Message } from "#protocol";
import { catchUpFrame, catchUpFrames, type Change } from "../../../worker/rooms/catch-up.ts";

const message = (seq: number, rev: number, over: Partial<Message> = {}): Message => ({
  chatId: "c",
  seq,
  rev,
  clientId: null,
  kind: "text",
  sender: null,
  body: `m${seq}`,
  createdAt: "2026-01-01T00:00:00.000Z",
  editedAt: null,
  deleted: false,
  replyTo: null,
  attachments: [],
  reactions: [{ emoji: "👍", count: 1, me: false }],
  ...over,
});

describe("catch-up after rev 10", () => {
  it("sends a message created after it whole, even one since edited or deleted", () => {
    const created = { message: message(5, 14, { body: "edited", editedAt: "x" }), createdRev: 12, editRev: 14 };
    expect(catchUpFrame(created, 10)).toEqual({ type: "message", message: created.message });
    const gone = { message: message(6, 15, { deleted: true, body: "" }), createdRev: 13, editRev: null };
    expect(catchUpFrame(gone, 10)).toEqual({ type: "message", message: gone.message });
  });

  it("sends `deleted` for a message the client had that is now deleted, edited or not", () => {
    const m = message(2, 16, { deleted: true, body: "" });
    expect(catchUpFrame({ message: m, createdRev: 3, editRev: 12 }, 10)).toEqual({ type: "deleted", seq: 2, rev: 16 });
  });

  it("sends `edited` for a message the client had whose text (or thumbnail) changed", () => {
    const m = message(2, 17, { body: "new text" });
    expect(catchUpFrame({ message: m, createdRev: 3, editRev: 17 }, 10)).toEqual({ type: "edited", message: m });
  });

  it("sends only `reactions` when nothing but the reactions changed", () => {
    const m = message(2, 18);
    expect(catchUpFrame({ message: m, createdRev: 3, editRev: 9 }, 10)).toEqual({ type: "reactions", seq: 2, rev: 18, reactions: m.reactions });
    expect(catchUpFrame({ message: m, createdRev: 3, editRev: null }, 10)).toEqual({ type: "reactions", seq: 2, rev: 18, reactions: m.reactions });
  });

  it("answers the changes in the order given, one frame each, and nothing for a since that is not a whole number >= 0", () => {
    const changes: Change[] = [
      { message: message(1, 11), createdRev: 1, editRev: null },
      { message: message(7, 12), createdRev: 12, editRev: null },
    ];
    const asked: number[] = [];
    const source = {
      count: (_since: number, atMost: number) => Math.min(changes.length, atMost),
      since: (since: number) => {
        asked.push(since);
        return changes;
      },
    };
    const now = { rev: 12, lastSeq: 7 };
    expect([...catchUpFrames(source, 10, now)].map((f) => f.type)).toEqual(["reactions", "message"]);
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) expect([...catchUpFrames(source, bad, now)]).toEqual([]);
    expect(asked).toEqual([10]);
  });

  it("replays up to the bound, and further behind sends one reset with where to go on from", () => {
    const changes: Change[] = Array.from({ length: 3 }, (_, i) => ({ message: message(i + 1, 11 + i), createdRev: 11 + i, editRev: null }));
    const counted: number[] = [];
    const source = {
      count: (_since: number, atMost: number) => {
        counted.push(atMost);
        return Math.min(changes.length, atMost);
      },
      since: () => changes,
    };
    const now = { rev: 13, lastSeq: 3 };
    expect([...catchUpFrames(source, 10, now, 3)].map((f) => f.type)).toEqual(["message", "message", "message"]);
    expect([...catchUpFrames(source, 10, now, 2)]).toEqual([{ type: "reset", rev: 13, lastSeq: 3 }]);
    // The count stops one past the bound: a client a million changes behind costs no more.
    expect(counted).toEqual([4, 3]);
  });
});
