import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TurnQueue } from "../../../worker/rooms/turn-queue.ts";

// Sockets are only keys here: the queue hands each frame to the writer it was given.
const socket = (name: string) => ({ name }) as unknown as WebSocket;

describe("TurnQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function recording() {
    const written: string[] = [];
    const queue = new TurnQueue((ws, text) => written.push(`${(ws as unknown as { name: string }).name}:${text}`));
    return { queue, written };
  }

  it("writes at once to a socket with nothing waiting", () => {
    const { queue, written } = recording();
    queue.send(socket("a"), "1");
    expect(written).toEqual(["a:1"]);
  });

  it("sends a deferred frame in a later turn, and nothing to that socket overtakes it", () => {
    const { queue, written } = recording();
    const a = socket("a");
    const b = socket("b");
    queue.send(a, "ack");
    queue.later(a, "copy");
    queue.send(a, "next");
    queue.send(b, "other");
    expect(written).toEqual(["a:ack", "b:other"]);
    vi.runOnlyPendingTimers(); // one turn
    expect(written).toEqual(["a:ack", "b:other", "a:copy"]);
    vi.runOnlyPendingTimers(); // one turn
    expect(written).toEqual(["a:ack", "b:other", "a:copy", "a:next"]);
    expect(queue.size).toBe(0);
    queue.send(a, "direct again");
    expect(written.at(-1)).toBe("a:direct again");
  });

  it("gives each waiting socket one frame per turn", () => {
    const { queue, written } = recording();
    const [a, b] = [socket("a"), socket("b")];
    queue.later(a, "a1");
    queue.later(a, "a2");
    queue.later(b, "b1");
    vi.runOnlyPendingTimers(); // one turn
    expect(written).toEqual(["a:a1", "b:b1"]);
    vi.runOnlyPendingTimers(); // one turn
    expect(written).toEqual(["a:a1", "b:b1", "a:a2"]);
  });

  it("drops what waits for a socket that closed", () => {
    const { queue, written } = recording();
    const a = socket("a");
    queue.later(a, "1");
    queue.drop(a);
    vi.runOnlyPendingTimers(); // one turn
    expect(written).toEqual([]);
    expect(queue.size).toBe(0);
  });
});
