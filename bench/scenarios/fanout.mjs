// Fan-out, knee and burst: one sender into one room, through each target's real path (on the
// app: signed-in sockets, the SQLite write before the broadcast, and with realistic
// subscribers the read marks and inbox sockets the web app keeps).
//   fanout: 200 subscribers, 200-byte messages at 50 msg/s for 30 s, after a warm-up of 20
//           messages that is not measured; then the first message after 15 s of silence, on
//           its own (a steady-state p99 hides what the first person to speak waits for).
//   knee:   the same room at 25, 50, 100, 200 msg/s; the knee is the highest rate that still
//           has p99 <= 100 ms and loses nothing.
//   burst:  100 subscribers, 2,000 messages as fast as the server acknowledges them (at most
//           64 unacknowledged): deliveries per second.
// The sockets are opened once per scenario and reused by every run (open/measure/close).
import { broadcastRun, closeRoomSockets, firstAfterIdle, openRoomSockets } from "../lib/broadcast.mjs";
import { waitIdle } from "../lib/machine.mjs";

export const SUBSCRIBERS = 200;
export const BURST_SUBSCRIBERS = 100;
export const BURST_MESSAGES = 2000;
export const BURST_WINDOW = 64;
export const KNEE_RATES = [25, 50, 100, 200];
const KNEE_P99_MS = 100;
const WARM_UP = 20;
const IDLE_MS = 15_000;

/** Opens the room and sends a few unmeasured messages, so no run pays for a cold start. */
async function openWarm(side, key, n) {
  const s = await openRoomSockets(side.target, key, n);
  await broadcastRun({ target: side.target, sender: s.sender, subscribers: s.subscribers, extras: s.extras, rate: 50, durationMs: (WARM_UP / 50) * 1000, drainMs: 10_000 });
  return s;
}

export const fanout = {
  sides: ["app", "peer", "relay", "raw"],
  open: (_ctx, side) => openWarm(side, "fanout", SUBSCRIBERS),
  close: closeRoomSockets,
  async measure(ctx, side, s) {
    const r = await broadcastRun({ target: side.target, sender: s.sender, subscribers: s.subscribers, extras: s.extras, rate: 50, durationMs: ctx.ms(side, "fanout"), serverPids: side.cpuPids });
    const idle = await firstAfterIdle({ target: side.target, sender: s.sender, subscribers: s.subscribers, idleMs: IDLE_MS, serverPids: side.cpuPids });
    return { ...r, openedInMs: s.openedInMs, firstAfterIdle: idle };
  },
};

export const knee = {
  sides: ["app", "raw"],
  open: (_ctx, side) => openWarm(side, "fanout", SUBSCRIBERS),
  close: closeRoomSockets,
  async measure(ctx, side, s) {
    const steps = [];
    for (const rate of KNEE_RATES) {
      // A short drain: a step that needs longer has missed its p99 anyway.
      const r = await broadcastRun({ target: side.target, sender: s.sender, subscribers: s.subscribers, extras: s.extras, rate, durationMs: ctx.ms(side, "kneeStep"), drainMs: 5000, serverPids: side.cpuPids });
      delete r.worst; // one plot per scenario is enough; the knee's steps are in the table
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

export const burst = {
  sides: ["app", "peer", "relay", "raw"],
  open: (_ctx, side) => openWarm(side, "burst", BURST_SUBSCRIBERS),
  close: closeRoomSockets,
  measure: (_ctx, side, s) =>
    broadcastRun({ target: side.target, sender: s.sender, subscribers: s.subscribers, extras: s.extras, count: BURST_MESSAGES, window: BURST_WINDOW, serverPids: side.cpuPids }),
};
