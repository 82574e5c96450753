// Scenario 4: reading history from a room that holds 100,000 messages: the latest 50 (what
// opening a chat costs) and a page deep in the past (scrolling back), first from one reader
// (what one person waits for; a third of the time), then from 10 keep-alive connections at
// once (the rest), each request issued as soon as the previous one answered.
import { Agent, request } from "node:http";
import { cpuMeter } from "../lib/machine.mjs";
import { closeAll } from "../lib/sockets.mjs";
import { histogram, recordMs, summary } from "../lib/stats.mjs";

export const READERS = 10;
const FILL_WINDOW = 256; // sends in flight while filling: enough to keep the room busy, bounded

/**
 * Fills the app's history room to `rows` messages through one socket, pipelining `send`
 * frames and waiting for their acks (the real write path, without 100,000 HTTP requests).
 * Returns the fill rate: how many messages per second one room stores and acks.
 */
async function fill(target, room, rows, log) {
  const sock = await target.connect(room, room.owner);
  const have = sock.readyFrame.lastSeq;
  const need = rows - have;
  if (need <= 0) {
    await closeAll([sock]);
    return null;
  }
  log(`  filling the history room: ${need} messages through one socket (window ${FILL_WINDOW})`);
  const t0 = performance.now();
  let sent = 0;
  let acked = 0;
  let failed = 0;
  const body = "h".repeat(200);
  await new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`fill: only ${acked}/${need} acked after 10 min`)), 10 * 60_000);
    const pump = () => {
      while (sent < need && sent - acked - failed < FILL_WINDOW) {
        sock.ws.send(target.sendFrame(`${body} ${sent}`).text);
        sent++;
      }
      if (acked + failed >= need) {
        clearTimeout(deadline);
        resolve();
      }
    };
    sock.onText = (text) => {
      if (text.startsWith('{"type":"ack"')) acked++;
      else if (text.startsWith('{"type":"error"')) failed++;
      else return;
      pump();
    };
    pump();
  });
  await closeAll([sock]);
  if (failed) throw new Error(`fill: ${failed} sends refused (rate limit too low?)`);
  const rate = Math.round(need / ((performance.now() - t0) / 1000));
  log(`  filled ${need} messages at ${rate} msg/s`);
  return rate;
}

/** The room, and on the app its 100,000 messages (once per bench run; front end reuses it). */
export async function historyRoom(ctx, side) {
  const room = await side.target.room("history", READERS);
  if (side.name === "app" && !side.filled) {
    side.fillRate = await fill(side.target, room, ctx.opts.historyRows, ctx.log);
    side.filled = true;
  }
  return room;
}

export const history = {
  sides: ["app", "raw"],
  open: historyRoom,
  close: async () => {},
  measure: readHistory,
};

async function readHistory(ctx, side, room) {
  const total = ctx.ms(side, "history");
  const one = await readPass(ctx, side, room, 1, Math.round(total / 3));
  const ten = await readPass(ctx, side, room, READERS, total - Math.round(total / 3));
  return { ...ten, oneReader: { latest: one.latest, deep: one.deep, requestsPerSecond: one.requestsPerSecond } };
}

async function readPass(ctx, side, room, readers, durationMs) {
  const rows = ctx.opts.historyRows;
  const fillRate = side.fillRate ?? null;
  const url = new URL(side.target.base);
  const agent = new Agent({ keepAlive: true, maxSockets: readers });
  const latest = histogram();
  const deep = histogram();
  const both = histogram();
  let errors = 0;
  const get = (path, headers) =>
    new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, headers, agent }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });

  const meter = cpuMeter(side.cpuPids);
  const end = performance.now() + durationMs;
  const reader = async (k) => {
    const user = room.members[k];
    for (let n = 0; performance.now() < end; n++) {
      const isDeep = n % 2 === 1;
      // Deep pages land anywhere in the older half, so they do not all hit one cached page.
      const before = isDeep ? 1000 + Math.floor(Math.random() * (rows / 2 - 1000)) : undefined;
      const { path, headers } = side.target.historyRequest(room, user, before);
      const t = performance.now();
      const res = await get(path, headers).catch(() => null);
      const ms = performance.now() - t;
      if (!res || res.status !== 200 || JSON.parse(res.body.toString()).messages.length !== 50) {
        errors++;
        continue;
      }
      recordMs(isDeep ? deep : latest, ms);
      recordMs(both, ms);
    }
  };
  await Promise.all(Array.from({ length: readers }, (_, k) => reader(k)));
  const cpu = meter();
  agent.destroy();
  const serverCores = Object.values(cpu.byPid).reduce((a, b) => a + (b ?? 0), 0);
  return {
    rows,
    fillRate,
    requests: both.totalCount,
    requestsPerSecond: Math.round(both.totalCount / (durationMs / 1000)),
    errors,
    cpu,
    // Server CPU per request (ms): the cost that sets the ceiling, whatever the machine's load.
    serverCpuMsPerRequest: both.totalCount ? Math.round(((serverCores * durationMs) / both.totalCount) * 100) / 100 : null,
    latest: summary(latest),
    deep: summary(deep),
    all: summary(both),
  };
}
