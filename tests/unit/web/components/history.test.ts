// What the history shows: day separators, runs of one sender's messages, system lines
// between them, unsent messages at the bottom, and the ticks on one's own messages.
import { describe, expect, it } from "vitest";
import { buildBlocks, firstUnread, type Block } from "../../../../web/components/history.ts";
import type { OutboxEntry } from "../../../../web/realtime/outbox.ts";
import { message, user } from "../fixtures.ts";

const me = user("me");
const ann = user("ann");
const at = (day: number, hour: number, min = 0) => new Date(2026, 10, day, hour, min).toISOString();

/** The blocks as a reader would describe them. */
function describeBlocks(blocks: Block[]): string[] {
  return blocks.map((b) => {
    if (b.type === "day") return `day ${new Date(b.at).getDate()}`;
    if (b.type === "unread") return "new messages";
    if (b.type === "system") return `system ${b.message.seq}`;
    const who = b.mine ? "me" : (b.sender?.id ?? "nobody");
    return `${who}: ${b.bubbles.map((x) => `${x.body}${x.delivery ? ` [${x.delivery}]` : ""}`).join(" | ")}`;
  });
}

function entry(clientId: string, body: string, state: OutboxEntry["state"], createdAt = at(20, 12)): OutboxEntry {
  return { clientId, body, createdAt, state };
}

describe("history blocks", () => {
  it("groups consecutive messages of one sender under one name", () => {
    const blocks = buildBlocks(
      [
        message(1, { sender: ann, body: "hi", createdAt: at(20, 9) }),
        message(2, { sender: ann, body: "anyone?", createdAt: at(20, 9, 1) }),
        message(3, { sender: me, body: "here", createdAt: at(20, 9, 2) }),
        message(4, { sender: ann, body: "great", createdAt: at(20, 9, 3) }),
      ],
      [],
      me,
      0,
    );
    expect(describeBlocks(blocks)).toEqual(["day 20", "ann: hi | anyone?", "me: here [sent]", "ann: great"]);
  });

  it("starts a new day with a separator, and a new group even for the same sender", () => {
    const blocks = buildBlocks(
      [message(1, { sender: ann, body: "late", createdAt: at(19, 23, 59) }), message(2, { sender: ann, body: "early", createdAt: at(20, 0, 1) })],
      [],
      me,
      0,
    );
    expect(describeBlocks(blocks)).toEqual(["day 19", "ann: late", "day 20", "ann: early"]);
  });

  it("puts system lines between runs, and a run after one starts afresh", () => {
    const blocks = buildBlocks(
      [
        message(1, { sender: ann, body: "a", createdAt: at(20, 9) }),
        message(2, { kind: "system", sender: null, body: "ben joined", createdAt: at(20, 9, 1) }),
        message(3, { sender: ann, body: "b", createdAt: at(20, 9, 2) }),
      ],
      [],
      me,
      0,
    );
    expect(describeBlocks(blocks)).toEqual(["day 20", "ann: a", "system 2", "ann: b"]);
  });

  it("ticks my messages as read up to where another member has read, and sent after that", () => {
    const blocks = buildBlocks(
      [1, 2, 3].map((seq) => message(seq, { sender: me, body: `m${seq}`, createdAt: at(20, 9, seq) })),
      [],
      me,
      2,
    );
    expect(describeBlocks(blocks)).toEqual(["day 20", "me: m1 [read] | m2 [read] | m3 [sent]"]);
  });

  it("shows unsent messages at the bottom as mine, sending or failed, with the reason", () => {
    const blocks = buildBlocks(
      [message(1, { sender: ann, body: "question", createdAt: at(20, 11) })],
      [entry("c-1", "answer", "sending"), { ...entry("c-2", "too fast", "failed"), error: "rate_limited" }],
      me,
      0,
    );
    expect(describeBlocks(blocks)).toEqual(["day 20", "ann: question", "me: answer [sending] | too fast [failed]"]);
    const group = blocks.at(-1) as Extract<Block, { type: "group" }>;
    expect(group.bubbles.map((b) => [b.seq, b.clientId, b.error])).toEqual([
      [null, "c-1", undefined],
      [null, "c-2", "rate_limited"],
    ]);
  });

  it("shows a message once when it is both in the history and still in the outbox", () => {
    const blocks = buildBlocks(
      [message(1, { sender: me, body: "sent", clientId: "c-1", createdAt: at(20, 12) })],
      [entry("c-1", "sent", "sent")],
      me,
      0,
    );
    expect(describeBlocks(blocks)).toEqual(["day 20", "me: sent [sent]"]);
  });

  it("keeps a bubble's key when its message moves from the outbox into the history", () => {
    const pending = buildBlocks([], [entry("c-1", "hello", "sending")], me, 0);
    const confirmed = buildBlocks([message(7, { sender: me, body: "hello", clientId: "c-1", createdAt: at(20, 12) })], [], me, 0);
    const keyOf = (blocks: Block[]) => (blocks.at(-1) as Extract<Block, { type: "group" }>).bubbles[0]!.key;
    expect(keyOf(confirmed)).toBe(keyOf(pending));
  });

  it("gives an outbox message typed on a new day its own separator", () => {
    const blocks = buildBlocks([message(1, { sender: me, body: "yesterday", createdAt: at(19, 22) })], [entry("c-1", "today", "sending", at(20, 8))], me, 0);
    expect(describeBlocks(blocks)).toEqual(["day 19", "me: yesterday [sent]", "day 20", "me: today [sending]"]);
  });

  it("shows nothing for an empty chat", () => {
    expect(buildBlocks([], [], me, 0)).toEqual([]);
  });

  it("puts the new-messages divider above the first message after the read mark, splitting a run", () => {
    const blocks = buildBlocks(
      [1, 2, 3, 4].map((seq) => message(seq, { sender: ann, body: `m${seq}`, createdAt: at(20, 9, seq) })),
      [],
      me,
      0,
      2,
    );
    expect(describeBlocks(blocks)).toEqual(["day 20", "ann: m1 | m2", "new messages", "ann: m3 | m4"]);
  });

  it("puts the divider below a day separator, and past system lines and my own messages", () => {
    const messages = [
      message(1, { sender: ann, body: "old", createdAt: at(19, 9) }),
      message(2, { kind: "system", sender: null, body: "ben joined", createdAt: at(20, 9) }),
      message(3, { sender: me, body: "mine", createdAt: at(20, 9, 1) }),
      message(4, { sender: ann, body: "new", createdAt: at(20, 9, 2) }),
    ];
    expect(describeBlocks(buildBlocks(messages, [], me, 0, 1))).toEqual(["day 19", "ann: old", "day 20", "system 2", "me: mine [sent]", "new messages", "ann: new"]);
    expect(firstUnread(messages, 1, me.id)).toBe(4);
    expect(firstUnread(messages, 0, me.id)).toBe(1);
  });

  it("shows no divider when nothing was unread at opening, or only my own messages follow the mark", () => {
    const messages = [message(1, { sender: ann }), message(2, { sender: me })];
    expect(firstUnread(messages, null, me.id)).toBeNull();
    expect(firstUnread(messages, 1, me.id)).toBeNull();
    expect(describeBlocks(buildBlocks(messages, [], me, 0, null))).not.toContain("new messages");
  });
});
