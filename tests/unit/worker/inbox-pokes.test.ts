import { describe, expect, it } from "vitest";
import type { Message } from "#protocol";
import type { Summary } from "../../../worker/rooms/summary.ts";
import { InboxPokes, POKE_SLICE, POKE_SLICE_GAP_MS, watchedRounds } from "../../../worker/rooms/inbox-pokes.ts";

/** A room's pokes with the rounds driven by hand: `round()` lets one round go and returns the
 * Inbox calls it made. The pauses between a round's slices pass at once; `gaps` counts them,
 * and each call records how many had passed before it. */
function room(members: string[], online: () => string[]) {
  const calls: { userId: string; pushed: number | null; slice?: number }[] = [];
  let gaps = 0;
  let tick: (() => void) | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const summary = (): Summary => ({ lastSeq: 0, lastReadSeq: 0, unread: 0, unreadMentions: 0, lastMessage: null });
  const pokes = new InboxPokes({ waitUntil: (p: Promise<unknown>) => void (running = p) }, {
    online,
    summarize: (ids) => new Map(ids.map((id) => [id, summary()])),
    live: () => true,
    call: async (userId, push) => void calls.push({ userId, pushed: push?.seq ?? null, slice: gaps }),
    wait: (ms) => (ms === POKE_SLICE_GAP_MS ? Promise.resolve(void gaps++) : new Promise<void>((resolve) => (tick = resolve))),
  });
  return {
    members,
    pokes,
    async round() {
      const before = calls.length;
      const go = tick;
      tick = null;
      go?.();
      // Until the round has made its calls and waits for the next one (or has stopped).
      for (let i = 0; i < 100 && tick === null; i++) await Promise.race([running, new Promise((r) => setTimeout(r, 0))]);
      return calls.slice(before).map(({ userId, pushed }) => ({ userId, pushed }));
    },
    /** The calls of the last round, grouped by slice. */
    slices() {
      const bySlice = new Map<number, string[]>();
      for (const c of calls) bySlice.set(c.slice!, [...(bySlice.get(c.slice!) ?? []), c.userId]);
      return [...bySlice.values()];
    },
  };
}

const message = (seq: number, senderId: string) => ({ seq, sender: { id: senderId, displayName: senderId }, body: `m${seq}`, attachments: [] }) as unknown as Message;
const users = (n: number, prefix = "u") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("watchedRounds", () => {
  it("is one round up to 100 watchers, then one more per hundred, at most ten", () => {
    expect([0, 1, 100, 101, 200, 250, 1000, 5000].map(watchedRounds)).toEqual([1, 1, 1, 2, 2, 3, 10, 10]);
  });
});

describe("InboxPokes", () => {
  it("calls every member at the first round in a room of a few, and pushes to those not watching", async () => {
    const r = room(["a", "b", "c"], () => ["a", "b"]);
    r.pokes.poke(r.members, message(7, "a"));
    const calls = await r.round();
    expect(calls.map((c) => c.userId).sort()).toEqual(["a", "b", "c"]);
    expect(calls.find((c) => c.userId === "c")?.pushed).toBe(7);
    expect(calls.filter((c) => c.pushed !== null)).toHaveLength(1);
  });

  it("lets the watchers of a big room wait, and calls the others at once", async () => {
    const watchers = users(1000, "w");
    const away = users(5, "x");
    const r = room([...watchers, ...away], () => watchers);
    r.pokes.poke(r.members, message(1, "w0"));
    const first = await r.round();
    expect(first.map((c) => c.userId).sort()).toEqual(away);
    expect(first.every((c) => c.pushed === 1)).toBe(true);
    // Messages keep coming: the watchers' pokes still go out after ten rounds, not never.
    for (let i = 2; i <= 9; i++) {
      r.pokes.poke(r.members, message(i, "w0"));
      expect((await r.round()).map((c) => c.userId).sort()).toEqual(away);
    }
    const tenth = await r.round();
    expect(tenth.map((c) => c.userId).sort()).toEqual([...watchers].sort());
    expect(tenth.every((c) => c.pushed === null)).toBe(true);
  });

  it("never pushes a message to someone who was watching when it came, even if they left before their call", async () => {
    let online = users(300, "w");
    const r = room(online, () => online);
    r.pokes.poke(r.members, message(3, "w1"));
    await r.round();
    online = online.filter((id) => id !== "w2");
    const calls = [...(await r.round()), ...(await r.round())];
    // w2 left: called at the next round, without a push for what they saw.
    expect(calls.find((c) => c.userId === "w2")).toEqual({ userId: "w2", pushed: null });
    expect(calls.filter((c) => c.userId !== "w2").length).toBe(299);
  });

  it("spreads a round's calls over slices, those who may get a push first", async () => {
    const watchers = users(30, "w");
    const away = users(15, "x");
    const r = room([...watchers, ...away], () => watchers);
    r.pokes.poke([...watchers, ...away], message(4, "w0"));
    await r.round();
    // 30 watchers in a room wait one round, as everyone does: all 45 are due together.
    const slices = r.slices();
    expect(slices.map((s) => s.length)).toEqual([POKE_SLICE, POKE_SLICE, 45 - 2 * POKE_SLICE]);
    expect(slices[0]!.slice(0, 15).sort()).toEqual([...away].sort());
  });

  it("stops once nothing is pending", async () => {
    const r = room(["a"], () => []);
    r.pokes.poke(["a"]);
    expect(await r.round()).toEqual([{ userId: "a", pushed: null }]);
    expect(await r.round()).toEqual([]);
  });
});
