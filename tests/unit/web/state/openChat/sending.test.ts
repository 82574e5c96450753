// Sending: a message waits in the outbox until the room has it, goes out at once only while
// the chat is live, and everything that waited goes out, oldest first, once it is live again.
import { signal } from "@preact/signals";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClientFrame } from "#protocol";
import { Outbox, outboxKey } from "../../../../../web/realtime/outbox.ts";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { Sending, type SendingModel } from "../../../../../web/state/openChat/sending.ts";
import { memoryStorage } from "../../fakes.ts";
import { message } from "../../fixtures.ts";

let sent: ClientFrame[];
let socketOpen: boolean;
const live = signal(false);
let outbox: Outbox;
let sending: SendingModel;

beforeEach(() => {
  sent = [];
  socketOpen = true;
  live.value = false;
  outbox = new Outbox(outboxKey("ann", "c1"), memoryStorage());
  sending = new Sending(outbox, {
    live,
    send: (f) => {
      if (socketOpen) sent.push(f);
      return socketOpen;
    },
  });
});

afterEach(() => {
  dispose(sending);
});

const bodies = () => sending.entries.value.map((e) => [e.body, e.state]);

describe("sending", () => {
  it("sends at once while live, keeping the message as sending until the room has it", () => {
    live.value = true;
    expect(sending.send("  hello  ")).toBe(true);
    const clientId = sending.entries.value[0]!.clientId;
    expect(sent).toEqual([{ type: "send", clientId, body: "hello" }]);
    expect(bodies()).toEqual([["hello", "sending"]]);
  });

  it("sends nothing for an empty message", () => {
    live.value = true;
    expect(sending.send(" \n ")).toBe(false);
    expect(sent).toEqual([]);
    expect(sending.entries.value).toEqual([]);
  });

  it("keeps what is typed while not live, and sends it all, oldest first, when the chat is live again", () => {
    sending.send("one");
    sending.send("two");
    expect(sent).toEqual([]);
    live.value = true;
    sending.flush();
    expect(sent.map((f) => f.type === "send" && f.body)).toEqual(["one", "two"]);
  });

  it("stops flushing when the socket drops halfway, keeping the rest for next time", () => {
    sending.send("one");
    sending.send("two");
    socketOpen = false;
    sending.flush();
    expect(sent).toEqual([]);
    expect(bodies()).toEqual([
      ["one", "sending"],
      ["two", "sending"],
    ]);
  });

  it("marks a message sent on the room's ack, and lets it go when it shows up in the history", () => {
    live.value = true;
    sending.send("hello");
    const clientId = sending.entries.value[0]!.clientId;
    sending.acked(clientId);
    expect(bodies()).toEqual([["hello", "sent"]]);
    sending.settle([message(9, { clientId })]);
    expect(sending.entries.value).toEqual([]);
  });

  it("marks a refused message failed with the reason, and sends it again as it was on retry", () => {
    live.value = true;
    sending.send("too fast");
    const clientId = sending.entries.value[0]!.clientId;
    sending.refused(clientId, "rate_limited");
    expect(sending.entries.value.map((e) => [e.state, e.error])).toEqual([["failed", "rate_limited"]]);
    sending.flush();
    expect(sent).toHaveLength(1);
    sending.retry(clientId);
    expect(sending.entries.value.map((e) => [e.state, e.error])).toEqual([["sending", undefined]]);
    expect(sent).toEqual([
      { type: "send", clientId, body: "too fast" },
      { type: "send", clientId, body: "too fast" },
    ]);
  });

  it("queues a retry made while not live for the next flush", () => {
    live.value = true;
    sending.send("x");
    const clientId = sending.entries.value[0]!.clientId;
    sending.refused(clientId, "internal");
    live.value = false;
    sending.retry(clientId);
    expect(sent).toHaveLength(1);
    live.value = true;
    sending.flush();
    expect(sent).toHaveLength(2);
  });

  it("sends a message with attachments (an empty text allowed), and resends it with the same ids after a reload", () => {
    const storage = memoryStorage();
    const photo = { id: "c1.p1", kind: "image", contentType: "image/png", size: 10, name: "p.png", width: 4, height: 3, durationMs: null, url: "/api/media/c1.p1", thumbnailUrl: null } as const;
    const first = new Outbox(outboxKey("ann", "c1"), storage);
    const withFiles = new Sending(first, { live, send: () => false });
    expect(withFiles.send("  ", { attachments: [photo] })).toBe(true);
    const clientId = withFiles.entries.value[0]!.clientId;
    dispose(withFiles);

    const reloaded = new Outbox(outboxKey("ann", "c1"), storage);
    expect(reloaded.entries.value.map((e) => e.attachments)).toEqual([[photo]]);
    const again = new Sending(reloaded, {
      live,
      send: (f) => {
        sent.push(f);
        return true;
      },
    });
    live.value = true;
    again.flush();
    expect(sent).toEqual([{ type: "send", clientId, body: "", attachmentIds: ["c1.p1"] }]);
    dispose(again);
  });
});
