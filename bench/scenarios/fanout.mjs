// Scenarios 1 and 2: one sender into a room of 200 subscribers, through the real path on the
// app (signed-in sockets, SQLite write before the broadcast).
//   fanout: 200-byte messages at 50 msg/s for 30 s.
//   knee:   the same room at 25, 50, 100, 200 msg/s; the knee is the highest rate that still
//           has p99 <= 100 ms and loses nothing.
// The sockets are opened once per scenario and reused by every run (open/measure/close).
import { broadcastRun, openRoomSockets } from "../lib/broadcast.mjs";
import { closeAll } from "../lib/sockets.mjs";
import { waitIdle } from "../lib/machine.mjs";

export const SUBSCRIBERS = 200;
export const KNEE_RATES = [25, 50, 100, 200];
const KNEE_P99_MS = 100;

const open = (_ctx, side) => openRoomSockets(side.target, "fanout", SUBSCRIBERS);
const close = (s) => closeAll([s.sender, ...s.subscribers]);

export const fanout = {
  sides: ["app", "raw"],
  open,
  close,
  async measure(ctx, side, s) {
    const r = await broadcastRun({ target: side.target, sender: s.sender, subscribers: s.subscribers, rate: 50, durationMs: ctx.ms(side, "fanout"), serverPids: side.cpuPids });
    return { ...r, openedInMs: s.openedInMs };
  },
};

export const knee = {
  sides: ["app", "raw"],
  open,
  close,
  async measure(ctx, side, s) {
    const steps = [];
    for (const rate of KNEE_RATES) {
      // A short drain: a step that needs longer has missed its p99 anyway.
      const r = await broadcastRun({ target: side.target, sender: s.sender, subscribers: s.subscribers, rate, durationMs: ctx.ms(side, "kneeStep"), drainMs: 5000, serverPids: side.cpuPids });
      steps.push(r);
      ctx.log(`  ${side.name} ${rate} msg/s: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, lost ${r.lost}, ${r.deliveriesPerSecond} deliveries/s, ${r.serverCpuUsPerDelivery} µs CPU/delivery, server cpu ${JSON.stringify(r.cpu.byPid)}, client cpu ${r.cpu.client}`);
      // Past the knee, higher rates only pile up a backlog that poisons what follows.
      if (!(r.latency.p99 !== null && r.latency.p99 <= KNEE_P99_MS && r.lost === 0)) break;
      await waitIdle(side.cpuPids, { timeoutMs: 30_000 });
    }
    const ok = steps.filter((st) => st.latency.p99 !== null && st.latency.p99 <= KNEE_P99_MS && st.lost === 0);
    return { knee: ok.length ? Math.max(...ok.map((st) => st.rate)) : 0, steps };
  },
};
