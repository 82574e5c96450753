// Scenario 3: 1,000 sockets in one room for 60 s at 10 msg/s. Besides latency it watches for
// sockets the server closes on its own, and samples the server's memory once a second (the
// sum over every process of the server: wrangler and both workerd): the sockets of one room
// all live in one Durable Object, in one process. The 1,000 sockets are opened once, 100 at a
// time (how long that takes is reported), and every run measures on them. The relay and the
// chat demo run it too: whether a hibernating room can keep up at all under wrangler dev.
import { broadcastRun, closeRoomSockets, openRoomSockets } from "../lib/broadcast.mjs";
import { rssMiB } from "../lib/machine.mjs";

export const BIG_ROOM = 1000;

const memory = (pids) => pids.reduce((n, p) => n + (rssMiB(p) ?? 0), 0);

export const bigRoom = {
  sides: ["app", "peer", "relay", "raw"],
  async open(_ctx, side) {
    await side.target.room("big", BIG_ROOM); // sign-ups and joins: not part of the memory figure
    const beforeMiB = memory(side.memPids);
    const socks = await openRoomSockets(side.target, "big", BIG_ROOM, { concurrency: 100 });
    return { ...socks, beforeMiB, connectedMiB: memory(side.memPids) };
  },
  close: closeRoomSockets,
  async measure(ctx, side, s) {
    let peakMiB = memory(side.memPids);
    const timer = setInterval(() => (peakMiB = Math.max(peakMiB, memory(side.memPids))), 1000);
    try {
      const r = await broadcastRun({ target: side.target, sender: s.sender, subscribers: s.subscribers, extras: s.extras, rate: 10, durationMs: ctx.ms(side, "big"), serverPids: side.cpuPids });
      return { ...r, openedInMs: s.openedInMs, memory: { beforeMiB: s.beforeMiB, connectedMiB: s.connectedMiB, peakMiB, endMiB: memory(side.memPids) } };
    } finally {
      clearInterval(timer);
    }
  },
};
