// The fan-out measurement shared by the fan-out, knee, burst and big-room scenarios: one
// sender, N subscribers, and per-subscriber accounting of every delivery.
//
// One clock: sender and subscribers live in this process, so each message body carries its
// bench seq and the time it was *scheduled* to be sent (performance.now(), in µs). Latency is
// receive time minus scheduled time, so a client that falls behind its own schedule shows up
// as latency instead of silently sending later (no coordinated omission).
//
// Two ways to send:
// - paced (`rate`): an open-loop timeline, one message every 1/rate s, whatever the server does;
// - burst (`window`): `count` messages as fast as the server acknowledges them, with at most
//   `window` unacknowledged at a time (what a busy client's outbox does). Latency then counts
//   from the actual send.
//
// Bodies look like `bench|<tag>|<i>|<µs>|xxxx...` padded to the message size. Subscribers find
// that marker (target.marker(tag)) with indexOf instead of JSON.parse: at 40,000 deliveries/s a
// full parse of every frame would make the client, not the server, the bottleneck.
//
// Besides percentiles, each run keeps the worst delivery of every message against the time it
// was sent (`worst`), so a stall shows as a spike in the plot instead of vanishing into a p99.
import { cpuMeter } from "./machine.mjs";
import { closeAll } from "./sockets.mjs";
import { histogram, pool, recordMs, sleep, summary } from "./stats.mjs";

/**
 * @param {object} o
 * @param {{ sendFrame(body: string): {text: string, key: string}, ackKey(text: string): string|undefined, marker(tag: string): string }} o.target
 * @param {{ ws: import("ws").WebSocket, onText: Function, closed: any }} o.sender
 * @param {Array<typeof o.sender>} o.subscribers
 * @param {Array<{ onDelivery: ((text: string) => void) | null }>} [o.extras] per subscriber, e.g. read marks
 * @param {number} [o.rate] messages per second (paced)
 * @param {number} [o.durationMs] how long the sender sends (paced)
 * @param {number} [o.count] how many messages (burst)
 * @param {number} [o.window] unacknowledged messages in flight (burst)
 * @param {number} [o.bodyBytes]
 * @param {number} [o.drainMs] at most this long after the last send for stragglers (it also
 *   stops when everything arrived, or nothing arrived for `stallMs`, 3 s by default)
 * @param {number[]} [o.serverPids] processes whose CPU share is reported
 */
export async function broadcastRun({ target, sender, subscribers, extras = [], rate, durationMs, count, window, bodyBytes = 200, drainMs = 30_000, stallMs = 3000, serverPids = [] }) {
  const burst = window !== undefined;
  const tag = Math.random().toString(36).slice(2, 8);
  const marker = target.marker(tag);
  const total = burst ? count : Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = burst ? 0 : 1000 / rate;
  const latency = histogram();
  const ackLatency = histogram();
  const scheduled = new Float64Array(total);
  const worst = new Float64Array(total);
  const pendingAcks = new Map(); // ack key -> bench seq
  let acked = 0;
  let lastDelivery = 0;
  const errors = {};
  const subs = subscribers.map(() => ({ got: new Uint8Array(total), unique: 0, maxSeen: -1, dup: 0, ooo: 0 }));
  const closesBefore = subscribers.filter((s) => s.closed).length;
  let onAck = () => {};

  subscribers.forEach((sock, k) => {
    const st = subs[k];
    const hook = extras[k]?.onDelivery ?? null;
    sock.onText = (text, now) => {
      const at = text.indexOf(marker);
      if (at < 0) return; // presence, typing, ...: not ours
      const from = at + marker.length;
      const bar = text.indexOf("|", from);
      const i = Number(text.slice(from, bar));
      if (!(i >= 0 && i < total)) return;
      if (st.got[i]) {
        st.dup++;
        return;
      }
      st.got[i] = 1;
      st.unique++;
      if (i < st.maxSeen) st.ooo++;
      else st.maxSeen = i;
      const ms = now - scheduled[i];
      recordMs(latency, ms);
      if (ms > worst[i]) worst[i] = ms;
      lastDelivery = now;
      if (hook) hook(text);
    };
  });
  sender.onText = (text, now) => {
    const key = target.ackKey(text);
    if (key !== undefined) {
      const i = pendingAcks.get(key);
      if (i === undefined) return;
      pendingAcks.delete(key);
      acked++;
      recordMs(ackLatency, now - scheduled[i]);
      onAck();
    } else if (text.startsWith('{"type":"error"')) {
      const { code } = JSON.parse(text);
      errors[code] = (errors[code] ?? 0) + 1;
    }
  };

  const pad = (s) => (s.length >= bodyBytes ? s : s + "x".repeat(bodyBytes - s.length));
  const sendOne = (i, at) => {
    scheduled[i] = at;
    const { text, key } = target.sendFrame(pad(`bench|${tag}|${i}|${Math.round(at * 1000)}|`));
    pendingAcks.set(key, i);
    if (!sender.closed) sender.ws.send(text);
  };
  const meter = cpuMeter(serverPids);
  const t0 = performance.now() + 20;
  let i = 0;
  if (burst) {
    await sleep(20);
    // Closed loop: each ack lets one more go, so at most `window` are ever unacknowledged.
    // Bounded in time too: a server that stops acking ends the burst after 5 minutes.
    await new Promise((resolve) => {
      const deadline = setTimeout(resolve, 5 * 60_000);
      const pump = () => {
        while (i < total && i - acked < window) sendOne(i++, performance.now());
        if (acked >= total || (i >= total && pendingAcks.size === 0)) {
          clearTimeout(deadline);
          resolve();
        }
      };
      onAck = pump;
      pump();
    });
    onAck = () => {};
  } else {
    await new Promise((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (i < total && t0 + i * interval <= now) {
          sendOne(i, t0 + i * interval);
          i++;
        }
        if (i >= total) return resolve();
        setTimeout(tick, Math.max(0, t0 + i * interval - performance.now()));
      };
      tick();
    });
  }
  const sendEnd = performance.now();

  // Wait (bounded) until every open subscriber has everything, or nothing moves any more.
  // What is still missing then counts as lost (it may arrive later; by then it is useless).
  const want = () => subs.reduce((n, st, k) => n + (subscribers[k].closed ? 0 : total - st.unique), 0);
  const drainDeadline = performance.now() + drainMs;
  let lastWant = want();
  let movedAt = performance.now();
  while (performance.now() < drainDeadline && (want() > 0 || pendingAcks.size > 0) && performance.now() - movedAt < stallMs) {
    await sleep(50);
    const w = want();
    if (w !== lastWant) [lastWant, movedAt] = [w, performance.now()];
  }
  const drained = performance.now() - sendEnd;
  // CPU over sending and draining: all the work these deliveries caused, and only that.
  const cpu = meter();
  const serverCoreMs = Object.values(cpu.byPid).reduce((a, b) => a + (b ?? 0), 0) * (sendEnd - t0 + drained);

  const unique = subs.reduce((n, st) => n + st.unique, 0);
  const closes = subscribers.filter((s) => s.closed).map((s) => s.closed.code);
  for (const sock of subscribers) sock.onText = () => {};
  sender.onText = () => {};
  // Deliveries per second over the span that produced them: first send -> last delivery.
  const span = (lastDelivery > t0 ? lastDelivery : sendEnd + drained) - t0;
  return {
    mode: burst ? "burst" : "paced",
    rate: burst ? null : rate,
    window: burst ? window : null,
    durationMs: burst ? Math.round(sendEnd - t0) : durationMs,
    subscribers: subscribers.length,
    sent: i,
    acked,
    errors,
    expected: total * subscribers.length,
    delivered: unique,
    lost: total * subscribers.length - unique,
    duplicated: subs.reduce((n, st) => n + st.dup, 0),
    outOfOrder: subs.reduce((n, st) => n + st.ooo, 0),
    unexpectedCloses: closes.length - closesBefore,
    closeCodes: [...new Set(closes)],
    deliveriesPerSecond: Math.round(unique / (span / 1000)),
    drainMs: Math.round(drained),
    latency: summary(latency),
    ack: summary(ackLatency),
    cpu,
    // Server CPU per delivered message copy (µs): the cost that sets the ceiling on a quiet
    // machine, and comparable between targets whatever else the machine is doing.
    serverCpuUsPerDelivery: unique ? Math.round((serverCoreMs * 1000) / unique) : null,
    // [ms since the first send, worst delivery of that message in ms] for each message.
    worst: Array.from(scheduled, (at, k) => [Math.round((at - t0) * 10) / 10, Math.round(worst[k] * 10) / 10]),
  };
}

/**
 * Opens the sender (the room's owner) and `n` subscribers in room `key`: { sender,
 * subscribers, extras, openedInMs }. Opens `concurrency` at a time (20 by default: a real
 * crowd also arrives spread out; the accept path under a stampede is the connect scenario's
 * subject). With a target that has `subscriberExtras` (the app, realistic), each subscriber
 * also gets what the web app keeps beside its chat socket. Close with closeRoomSockets().
 */
export async function openRoomSockets(target, key, n, { concurrency = 20 } = {}) {
  const room = await target.room(key, n);
  const socks = [];
  const extras = [];
  try {
    const t0 = performance.now();
    const sender = await target.connect(room, room.owner);
    socks.push(sender);
    const subscribers = await pool(n, concurrency, async (i) => {
      const sock = await target.connect(room, room.members[i]);
      socks.push(sock);
      return sock;
    });
    const openedInMs = Math.round(performance.now() - t0);
    if (target.subscriberExtras) {
      const made = await pool(n, concurrency, (i) => target.subscriberExtras(room.members[i], subscribers[i], room.members.length + 1));
      extras.push(...made);
    }
    // Let the presence frames of the last arrivals go by before anything is measured.
    await sleep(1000);
    return { sender, subscribers, extras, openedInMs };
  } catch (err) {
    await closeAll([...socks, ...extras.flatMap((e) => e.sockets)]);
    throw err;
  }
}

export function closeRoomSockets(s) {
  for (const e of s.extras ?? []) e.stop?.();
  return closeAll([s.sender, ...s.subscribers, ...(s.extras ?? []).flatMap((e) => e.sockets)]);
}

/**
 * The first message after the room has been left alone for `idleMs` (long enough for the
 * runtime to evict a hibernating object): its delivery latency on its own, p50 and max over
 * the subscribers, since a steady-state p99 hides what the first person to speak waits for.
 */
export async function firstAfterIdle({ target, sender, subscribers, idleMs, serverPids }) {
  await sleep(idleMs);
  // A waking room may take a while: give the one message 30 s before calling it lost.
  const r = await broadcastRun({ target, sender, subscribers, rate: 1, durationMs: 1000, drainMs: 30_000, stallMs: 30_000, serverPids });
  return { idleMs, p50: r.latency.p50, max: r.latency.max, ack: r.ack.p50, lost: r.lost, errors: r.errors, closes: r.closeCodes };
}
