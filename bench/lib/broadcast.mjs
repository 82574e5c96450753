// The fan-out measurement shared by scenarios 1-3: one sender, N subscribers, an open-loop
// sender at a fixed rate, and per-subscriber accounting of every delivery.
//
// One clock: sender and subscribers live in this process, so each message body carries its
// bench seq and the time it was *scheduled* to be sent (performance.now(), in µs). Latency is
// receive time minus scheduled time, so a client that falls behind its own schedule shows up
// as latency instead of silently sending later (no coordinated omission).
//
// Bodies look like `bench|<tag>|<i>|<µs>|xxxx...` padded to the message size. Subscribers
// find that marker with indexOf instead of JSON.parse: at 40,000 deliveries/s a full parse of
// every frame would make the client, not the server, the bottleneck.
import { cpuMeter } from "./machine.mjs";
import { closeAll } from "./sockets.mjs";
import { histogram, pool, recordMs, sleep, summary } from "./stats.mjs";

/**
 * @param {object} o
 * @param {{ sendFrame(body: string): string }} o.target
 * @param {{ ws: import("ws").WebSocket, onText: Function, closed: any }} o.sender
 * @param {Array<typeof o.sender>} o.subscribers
 * @param {number} o.rate messages per second
 * @param {number} o.durationMs how long the sender sends
 * @param {number} [o.bodyBytes]
 * @param {number} [o.drainMs] at most this long after the last send for stragglers (it also
 *   stops when everything arrived, or nothing arrived for 3 s)
 * @param {number[]} [o.serverPids] processes whose CPU share is reported
 */
export async function broadcastRun({ target, sender, subscribers, rate, durationMs, bodyBytes = 200, drainMs = 30_000, serverPids = [] }) {
  const tag = Math.random().toString(36).slice(2, 8);
  const marker = `"body":"bench|${tag}|`;
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = 1000 / rate;
  const latency = histogram();
  const ackLatency = histogram();
  const scheduled = new Float64Array(total);
  const pendingAcks = new Map(); // clientId -> bench seq
  let acked = 0;
  const errors = {};
  const subs = subscribers.map(() => ({ got: new Uint8Array(total), unique: 0, maxSeen: -1, dup: 0, ooo: 0 }));
  const closesBefore = subscribers.filter((s) => s.closed).length;

  subscribers.forEach((sock, k) => {
    const st = subs[k];
    sock.onText = (text, now) => {
      const at = text.indexOf(marker);
      if (at < 0) return; // presence, typing, ...: not ours
      const from = at + marker.length;
      const bar = text.indexOf("|", from);
      const i = Number(text.slice(from, bar));
      const sentUs = Number(text.slice(bar + 1, text.indexOf("|", bar + 1)));
      if (!(i >= 0 && i < total)) return;
      if (st.got[i]) {
        st.dup++;
        return;
      }
      st.got[i] = 1;
      st.unique++;
      if (i < st.maxSeen) st.ooo++;
      else st.maxSeen = i;
      recordMs(latency, now - sentUs / 1000);
    };
  });
  sender.onText = (text, now) => {
    if (text.startsWith('{"type":"ack"')) {
      const { clientId } = JSON.parse(text);
      const i = pendingAcks.get(clientId);
      if (i === undefined) return;
      pendingAcks.delete(clientId);
      acked++;
      recordMs(ackLatency, now - scheduled[i]);
    } else if (text.startsWith('{"type":"error"')) {
      const { code } = JSON.parse(text);
      errors[code] = (errors[code] ?? 0) + 1;
    }
  };

  const pad = (s) => (s.length >= bodyBytes ? s : s + "x".repeat(bodyBytes - s.length));
  const meter = cpuMeter(serverPids);
  const t0 = performance.now() + 20;
  let i = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && t0 + i * interval <= now) {
        const at = t0 + i * interval;
        scheduled[i] = at;
        const frame = target.sendFrame(pad(`bench|${tag}|${i}|${Math.round(at * 1000)}|`));
        pendingAcks.set(JSON.parse(frame).clientId, i);
        if (!sender.closed) sender.ws.send(frame);
        i++;
      }
      if (i >= total) return resolve();
      setTimeout(tick, Math.max(0, t0 + i * interval - performance.now()));
    };
    tick();
  });
  const sendEnd = performance.now();

  // Wait (bounded) until every open subscriber has everything, or nothing moves any more.
  // What is still missing then counts as lost (it may arrive later; by then it is useless).
  const want = () => subs.reduce((n, st, k) => n + (subscribers[k].closed ? 0 : total - st.unique), 0);
  const drainDeadline = performance.now() + drainMs;
  let lastWant = want();
  let movedAt = performance.now();
  while (performance.now() < drainDeadline && (want() > 0 || pendingAcks.size > 0) && performance.now() - movedAt < 3000) {
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
  return {
    rate,
    durationMs,
    subscribers: subscribers.length,
    sent: total,
    acked,
    errors,
    expected: total * subscribers.length,
    delivered: unique,
    lost: total * subscribers.length - unique,
    duplicated: subs.reduce((n, st) => n + st.dup, 0),
    outOfOrder: subs.reduce((n, st) => n + st.ooo, 0),
    unexpectedCloses: closes.length - closesBefore,
    closeCodes: [...new Set(closes)],
    deliveriesPerSecond: Math.round(unique / ((sendEnd - t0 + drained) / 1000)),
    drainMs: Math.round(drained),
    latency: summary(latency),
    ack: summary(ackLatency),
    cpu,
    // Server CPU per delivered message copy (µs): the cost that sets the ceiling on a quiet
    // machine, and comparable between app and baseline whatever else the machine is doing.
    serverCpuUsPerDelivery: unique ? Math.round((serverCoreMs * 1000) / unique) : null,
  };
}

/**
 * Opens the sender (the room's owner) and `n` subscribers in room `key`: { sender,
 * subscribers, openedInMs }. Opens 20 at a time: a real crowd also arrives spread out, and
 * the accept path under a stampede is scenario 5's subject, not this one's. Close with
 * closeAll([sender, ...subscribers]).
 */
export async function openRoomSockets(target, key, n, { concurrency = 20 } = {}) {
  const room = await target.room(key, n);
  const socks = [];
  try {
    const t0 = performance.now();
    const sender = await target.connect(room, room.owner);
    socks.push(sender);
    const subscribers = await pool(n, concurrency, (i) => target.connect(room, room.members[i]));
    socks.push(...subscribers);
    const openedInMs = Math.round(performance.now() - t0);
    // Let the presence frames of the last arrivals go by before anything is measured.
    await sleep(1000);
    return { sender, subscribers, openedInMs };
  } catch (err) {
    await closeAll(socks);
    throw err;
  }
}
