// Messages the user sent that the room has not confirmed yet: they survive a reload, leave
// only when the chat shows them, and signing out leaves none behind.
import { describe, expect, it } from "vitest";
import { forgetOutboxes, newClientId, Outbox, outboxKey } from "../../../../web/realtime/outbox.ts";
import { memoryStorage } from "../fakes.ts";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the outbox", () => {
  it("shows what was typed, oldest first, each with its own clientId, as sending", () => {
    const box = new Outbox(outboxKey("u1", "c1"), memoryStorage());
    const a = box.add("first");
    const b = box.add("second");
    expect(box.entries.value.map((e) => [e.body, e.state])).toEqual([
      ["first", "sending"],
      ["second", "sending"],
    ]);
    expect(a.clientId).toMatch(uuidV4);
    expect(b.clientId).not.toBe(a.clientId);
  });

  it("still has a message typed just before a reload, to send it again with the same clientId", () => {
    const storage = memoryStorage();
    const typed = new Outbox(outboxKey("u1", "c1"), storage).add("typed offline");
    const reloaded = new Outbox(outboxKey("u1", "c1"), storage);
    expect(reloaded.pending().map((e) => [e.clientId, e.body])).toEqual([[typed.clientId, "typed offline"]]);
  });

  it("after a reload, resends one that was acknowledged but never shown, and keeps a refused one refused", () => {
    const storage = memoryStorage();
    const box = new Outbox(outboxKey("u1", "c1"), storage);
    const acked = box.add("acked");
    const refused = box.add("refused");
    box.update(acked.clientId, { state: "sent" });
    box.update(refused.clientId, { state: "failed", error: "rate_limited" });
    const reloaded = new Outbox(outboxKey("u1", "c1"), storage);
    expect(reloaded.entries.value.map((e) => [e.body, e.state, e.error])).toEqual([
      ["acked", "sending", undefined],
      ["refused", "failed", "rate_limited"],
    ]);
    expect(reloaded.pending().map((e) => e.body)).toEqual(["acked"]);
  });

  it("lets a message go once the chat shows it, and then stores nothing for the chat", () => {
    const storage = memoryStorage();
    const box = new Outbox(outboxKey("u1", "c1"), storage);
    const a = box.add("a");
    const b = box.add("b");
    box.settle([a.clientId, null, "someone-elses-id"]);
    expect(box.entries.value.map((e) => e.body)).toEqual(["b"]);
    box.settle([b.clientId]);
    expect(box.entries.value).toEqual([]);
    expect(storage.data.has(outboxKey("u1", "c1"))).toBe(false);
  });

  it("keeps each user's and each chat's outbox apart", () => {
    const storage = memoryStorage();
    new Outbox(outboxKey("u1", "c1"), storage).add("to c1");
    new Outbox(outboxKey("u2", "c1"), storage).add("u2 to c1");
    expect(new Outbox(outboxKey("u1", "c2"), storage).entries.value).toEqual([]);
    expect(new Outbox(outboxKey("u1", "c1"), storage).entries.value.map((e) => e.body)).toEqual(["to c1"]);
  });

  it("ignores whatever else a stored outbox holds instead of failing to open the chat", () => {
    const key = outboxKey("u1", "c1");
    expect(new Outbox(key, memoryStorage({ [key]: "not json" })).entries.value).toEqual([]);
    expect(new Outbox(key, memoryStorage({ [key]: '{"clientId":"x"}' })).entries.value).toEqual([]);
    const mixed = JSON.stringify([{ clientId: "ok", body: "kept", createdAt: "2026-11-20T10:00:00Z", state: "sending" }, { body: "no id" }, null, 7]);
    expect(new Outbox(key, memoryStorage({ [key]: mixed })).entries.value.map((e) => e.body)).toEqual(["kept"]);
  });

  it("still works for the tab when storage is full or missing", () => {
    const full = memoryStorage();
    full.failWrites = true;
    const box = new Outbox(outboxKey("u1", "c1"), full);
    box.add("still shown");
    expect(box.pending().map((e) => e.body)).toEqual(["still shown"]);
    const none = new Outbox(outboxKey("u1", "c1"), null);
    none.add("no storage at all");
    expect(none.pending().map((e) => e.body)).toEqual(["no storage at all"]);
  });

  it("forgets every user's unsent messages on sign-out, and nothing that is not an outbox", () => {
    const storage = memoryStorage({ "qm.lang": "ru" });
    new Outbox(outboxKey("u1", "c1"), storage).add("a");
    new Outbox(outboxKey("u1", "c2"), storage).add("b");
    new Outbox(outboxKey("u2", "c1"), storage).add("c");
    forgetOutboxes(storage);
    expect([...storage.data.keys()]).toEqual(["qm.lang"]);
    expect(() => forgetOutboxes(null)).not.toThrow();
  });
});

describe("client ids", () => {
  it("are version 4 UUIDs even where crypto.randomUUID is missing (plain http on a LAN)", () => {
    const noRandomUUID = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const ids = new Set(Array.from({ length: 50 }, () => newClientId(noRandomUUID)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(uuidV4);
    expect(newClientId()).toMatch(uuidV4);
  });
});
