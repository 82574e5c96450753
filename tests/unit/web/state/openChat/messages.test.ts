// The loaded history of a chat is one ascending list by seq. Messages arrive from three
// places (the first page, scroll-back pages and the socket), in any order and more than once.
import { describe, expect, it } from "vitest";
import { applyEdit, asDeleted, mergeMessages, patchMessage, skipsAhead } from "../../../../../web/state/openChat/messages.ts";
import { message } from "../../fixtures.ts";

const seqs = (list: { seq: number }[]) => list.map((m) => m.seq);

describe("merging history", () => {
  it("appends a new message at the end", () => {
    expect(seqs(mergeMessages([message(1), message(2)], [message(3)]))).toEqual([1, 2, 3]);
  });

  it("puts an earlier page before what is loaded, in seq order", () => {
    expect(seqs(mergeMessages([message(5), message(6)], [message(3), message(1), message(4), message(2)]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("shows a message delivered twice (socket and page) once", () => {
    expect(seqs(mergeMessages([message(1), message(2), message(3)], [message(2), message(3), message(4)]))).toEqual([1, 2, 3, 4]);
    expect(seqs(mergeMessages([message(1), message(2)], [message(2)]))).toEqual([1, 2]);
  });

  it("takes an edit that arrives later", () => {
    const edited = message(2, { rev: 9, body: "fixed typo", editedAt: "2026-11-20T11:00:00.000Z" });
    const merged = mergeMessages([message(1), message(2), message(3)], [edited]);
    expect(merged.map((m) => m.body)).toEqual(["message 1", "fixed typo", "message 3"]);
  });

  it("does not let a late page undo an edit the socket already brought", () => {
    const edited = message(2, { rev: 9, body: "fixed typo" });
    const stalePage = [message(1), message(2, { rev: 2, body: "old text" })];
    expect(mergeMessages([edited], stalePage).map((m) => m.body)).toEqual(["message 1", "fixed typo"]);
  });

  it("fills a gap in the middle", () => {
    expect(seqs(mergeMessages([message(1), message(2), message(6)], [message(3), message(4), message(5)]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("leaves the history as it was when nothing came", () => {
    const cur = [message(1)];
    expect(mergeMessages(cur, [])).toBe(cur);
  });
});

describe("patching one message", () => {
  it("changes only the message with that seq", () => {
    const next = patchMessage([message(1), message(2), message(3)], 2, (m) => ({ ...m, body: "changed" }));
    expect(next.map((m) => m.body)).toEqual(["message 1", "changed", "message 3"]);
  });

  it("ignores a change to a message that is not loaded", () => {
    const cur = [message(5), message(6)];
    expect(patchMessage(cur, 2, (m) => ({ ...m, body: "changed" }))).toBe(cur);
  });
});

describe("frames the socket brings", () => {
  it("notices when a new message skips ahead of what is loaded (frames were missed)", () => {
    expect(skipsAhead([message(1), message(2)], message(3))).toBe(false);
    expect(skipsAhead([message(1), message(2)], message(5))).toBe(true);
    expect(skipsAhead([], message(1))).toBe(false);
    expect(skipsAhead([], message(4))).toBe(true);
  });

  it("applies an edit to a loaded message", () => {
    const next = applyEdit([message(3), message(4)], message(4, { rev: 10, body: "edited" }));
    expect(next.map((m) => m.body)).toEqual(["message 3", "edited"]);
  });

  it("drops an edit to a message older than everything loaded: scrolling back fetches it as it is now", () => {
    const cur = [message(3), message(4)];
    expect(applyEdit(cur, message(2, { rev: 10, body: "edited" }))).toBe(cur);
    expect(applyEdit([], message(2, { rev: 10 }))).toEqual([]);
  });

  it("drops an edit to a message past the last one loaded: adding it would leave a hole", () => {
    const cur = [message(3), message(4)];
    expect(applyEdit(cur, message(9, { rev: 10, body: "edited" }))).toBe(cur);
  });

  it("shows a deleted message as deleted, in its place, with nothing of its text, files or reactions", () => {
    const m = message(4, {
      body: "secret",
      attachments: [{ id: "a1", kind: "image", contentType: "image/png", size: 10, name: "x.png", width: 1, height: 1, durationMs: null, url: "/m/a1", thumbnailUrl: null }],
      reactions: [{ emoji: "👍", count: 2, me: true }],
    });
    expect(asDeleted(m, 12)).toEqual({ ...m, deleted: true, body: "", attachments: [], reactions: [], rev: 12 });
  });
});
