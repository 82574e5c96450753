// The inbox's catch-up: after each (re)connect the list is reloaded, and frames that arrive
// meanwhile wait for that snapshot, so an older snapshot never overwrites newer news.
import { describe, expect, it } from "vitest";
import { SnapshotGate } from "../../../../web/realtime/inbox.ts";
import { deferred, settle } from "../fakes.ts";

function gate() {
  const applied: string[] = [];
  return { applied, gate: new SnapshotGate<string>((f) => applied.push(f)) };
}

describe("frames around a reload", () => {
  it("applies frames at once when no reload is running", () => {
    const { applied, gate: g } = gate();
    g.push("a");
    g.push("b");
    expect(applied).toEqual(["a", "b"]);
  });

  it("holds frames during a reload and applies them after it, in arrival order", async () => {
    const { applied, gate: g } = gate();
    const load = deferred<void>();
    g.resync(() => load.promise);
    g.push("a");
    g.push("b");
    await settle();
    expect(applied).toEqual([]);
    load.resolve();
    await settle();
    expect(applied).toEqual(["a", "b"]);
    g.push("c");
    expect(applied).toEqual(["a", "b", "c"]);
  });

  it("releases held frames even when the reload fails: they are newer than what is shown", async () => {
    const { applied, gate: g } = gate();
    const load = deferred<void>();
    g.resync(() => load.promise);
    g.push("a");
    load.reject(new Error("offline"));
    await settle();
    expect(applied).toEqual(["a"]);
  });

  it("waits for the newest reload when the socket reconnects during one", async () => {
    const { applied, gate: g } = gate();
    const first = deferred<void>();
    const second = deferred<void>();
    g.resync(() => first.promise);
    g.push("a");
    g.resync(() => second.promise);
    g.push("b");
    first.resolve();
    await settle();
    g.push("c");
    expect(applied).toEqual([]);
    second.resolve();
    await settle();
    expect(applied).toEqual(["a", "b", "c"]);
  });

  it("applies nothing more once the socket is closed for good", async () => {
    const { applied, gate: g } = gate();
    const load = deferred<void>();
    g.resync(() => load.promise);
    g.push("a");
    g.close();
    load.resolve();
    await settle();
    expect(applied).toEqual([]);
  });
});
