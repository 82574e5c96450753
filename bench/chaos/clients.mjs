// The clients of the chaos run: Node `ws` sockets that behave like the web client's realtime
// layer (web/realtime): reconnect with `?since=<last rev>` and apply the catch-up; a sender
// keeps unacknowledged messages in an outbox and resends them, with the same clientId, after
// every reconnect. Each records what it saw so the run can check it afterwards.
import WebSocket from "ws";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A small seeded PRNG (mulberry32): the run's choices repeat for a seed, timing aside. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON over HTTP as a browser on the app's own origin would send it. */
export async function api(base, method, path, { cookie, body, timeoutMs = 15_000 } = {}) {
  const headers = { origin: base };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const setCookie = res.headers.getSetCookie?.() ?? [];
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: setCookie[0]?.split(";")[0] ?? null };
}

/** One chat socket that reconnects until stopped. */
class Conn {
  /** @param {{ base: string, chatId: string, cookie: string, name: string, random: () => number }} opts */
  constructor({ base, chatId, cookie, name, random }) {
    this.base = base;
    this.chatId = chatId;
    this.cookie = cookie;
    this.name = name;
    this.random = random;
    this.lastRev = 0;
    /** @type {WebSocket | null} */
    this.ws = null;
    this.ready = false;
    this.stopped = false;
    this.attempt = 0;
    this.connects = 0;
    this.drops = 0;
    /** Times (ms since epoch) of every `ready`. */
    this.readyTimes = [];
    /** For each `ready`: ms from the connect() that led to it (handshake + catch-up). */
    this.readyTook = [];
    /** For each `ready`: ms from the upgrade's answer (101) to `ready`: the replay alone. */
    this.replayTook = [];
    this.openedAt = 0;
    /** Handshake durations (ms from connect() to the upgrade's answer). */
    this.openTimes = [];
    this.errors = [];
    this.connectStartedAt = 0;
    /** How this client's sockets closed, by close code (1006: dropped or refused). */
    this.closeCodes = {};
    /** Connections the watchdog gave up on. */
    this.stuck = [];
  }

  connect() {
    if (this.stopped || this.ws) return;
    const url = `${this.base.replace("http", "ws")}/api/chats/${this.chatId}/ws?since=${this.lastRev}`;
    this.connectStartedAt = Date.now();
    const ws = new WebSocket(url, { headers: { cookie: this.cookie, origin: this.base }, handshakeTimeout: 5000, perMessageDeflate: false });
    this.ws = ws;
    ws.on("message", (data, isBinary) => {
      if (ws !== this.ws) return;
      if (isBinary) return this.errors.push("binary frame from the server");
      let frame;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return this.errors.push(`not JSON: ${String(data).slice(0, 100)}`);
      }
      this.#frame(frame);
    });
    ws.on("open", () => {
      if (ws !== this.ws) return;
      this.openedAt = Date.now();
      this.openTimes.push(this.openedAt - this.connectStartedAt);
    });
    ws.on("error", () => {
      // `close` follows and schedules the reconnect.
    });
    ws.on("close", (code) => {
      this.closeCodes[code] = (this.closeCodes[code] ?? 0) + 1;
      if (ws !== this.ws) return;
      this.ws = null;
      this.ready = false;
      this.#reconnectLater();
    });
  }

  #frame(frame) {
    if (typeof frame.rev === "number" && frame.type === "ready") {
      this.lastRev = Math.max(this.lastRev, frame.rev);
      this.ready = true;
      this.attempt = 0;
      this.connects += 1;
      this.readyTimes.push(Date.now());
      this.readyTook.push(Date.now() - this.connectStartedAt);
      this.replayTook.push(Date.now() - this.openedAt);
      this.onReady();
      return;
    }
    if (frame.type === "message") this.lastRev = Math.max(this.lastRev, frame.message.rev);
    if (frame.type === "edited") this.lastRev = Math.max(this.lastRev, frame.message.rev);
    if (frame.type === "deleted" || frame.type === "reactions") this.lastRev = Math.max(this.lastRev, frame.rev);
    this.onFrame(frame);
  }

  #reconnectLater() {
    if (this.stopped) return;
    // Exponential backoff with jitter, capped at 1 s, as a client would while the server is down.
    const delay = Math.min(1000, 50 * 2 ** this.attempt) * (0.5 + this.random());
    this.attempt = Math.min(this.attempt + 1, 10);
    setTimeout(() => this.connect(), delay);
  }

  /** A dropped connection: the TCP connection goes away without a close frame. Only open
   * sockets drop (a handshake in flight is the reconnect the last drop started). */
  drop() {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.drops += 1;
    this.ws.terminate();
    return true;
  }

  /**
   * A client gives up on a connection that has not become ready in `ms` (no 101, or no
   * `ready` after it) and starts over, as the web client's timeout does. Counted, because
   * with a healthy server it should not happen.
   */
  watchdog(ms = 15_000) {
    if (this.stopped || !this.ws || this.ready || Date.now() - this.connectStartedAt < ms) return;
    this.stuck.push({ afterMs: Date.now() - this.connectStartedAt, state: this.ws.readyState, opened: this.openedAt >= this.connectStartedAt });
    const ws = this.ws;
    this.ws = null;
    ws.terminate();
    this.connect();
  }

  /** Closes for good; resolves when the socket is gone. */
  async stop() {
    this.stopped = true;
    const ws = this.ws;
    if (!ws) return;
    const closed = new Promise((r) => ws.once("close", r));
    ws.close(1000, "done");
    await Promise.race([closed, sleep(3000)]);
    ws.terminate();
  }

  /** Reconnects now (closing any open socket) and resolves at the next `ready`. */
  async reconnectNow(timeoutMs = 30_000) {
    const before = this.readyTimes.length;
    this.stopped = false;
    const ws = this.ws;
    if (ws) {
      this.ws = null;
      this.ready = false;
      ws.terminate();
    }
    this.attempt = 0;
    this.connect();
    const deadline = Date.now() + timeoutMs;
    while (this.readyTimes.length === before && Date.now() < deadline) await sleep(10);
    if (this.readyTimes.length === before) throw new Error(`${this.name}: no ready within ${timeoutMs} ms`);
    return this.readyTimes.at(-1) - this.connectStartedAt;
  }

  onReady() {}
  onFrame() {}
}

/** A member who only reads: keeps every message it is sent, keyed by seq. */
export class Subscriber extends Conn {
  constructor(opts) {
    super(opts);
    /** @type {Map<number, { clientId: string | null, body: string, rev: number }>} */
    this.seen = new Map();
    this.duplicated = 0;
    this.outOfOrder = 0;
    this.maxSeq = 0;
  }

  onFrame(frame) {
    if (frame.type !== "message") return;
    const m = frame.message;
    if (this.seen.has(m.seq)) {
      this.duplicated += 1;
      return;
    }
    if (m.seq < this.maxSeq) this.outOfOrder += 1;
    this.maxSeq = Math.max(this.maxSeq, m.seq);
    this.seen.set(m.seq, { clientId: m.clientId, body: m.body, rev: m.rev });
  }
}

/** A member who posts: an outbox of unacknowledged sends, resent after every reconnect. */
export class Sender extends Subscriber {
  constructor(opts) {
    super(opts);
    this.n = 0;
    /** @type {{ clientId: string, body: string, n: number, sends: number }[]} */
    this.outbox = [];
    /** clientId -> { seq, n } */
    this.acked = new Map();
    this.resends = 0;
    this.ackMismatches = 0;
    this.failed = [];
  }

  /** Writes a new message: into the outbox, and onto the socket if it is ready. */
  post() {
    const item = { clientId: crypto.randomUUID(), body: `${this.name} #${++this.n}`, n: this.n, sends: 0 };
    this.outbox.push(item);
    if (this.ready) this.#send(item);
  }

  #send(item) {
    if (item.sends > 0) this.resends += 1;
    item.sends += 1;
    item.sentAt = Date.now();
    try {
      this.ws?.send(JSON.stringify({ type: "send", clientId: item.clientId, body: item.body }));
    } catch {
      // closing: the outbox keeps it for the next connection
    }
  }

  /** Also gives up on a ready connection whose sends go unacknowledged for `ms`. */
  watchdog(ms = 15_000) {
    super.watchdog(ms);
    const late = this.ready && this.ws && this.outbox.find((x) => x.sentAt && Date.now() - x.sentAt > ms && x.sentAt >= this.readyTimes.at(-1));
    if (!late) return;
    this.stuck.push({ afterMs: Date.now() - late.sentAt, state: this.ws.readyState, noAck: late.clientId });
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    ws.terminate();
    this.connect();
  }

  onReady() {
    // In order, oldest first: a retried send that was stored gets its original seq back.
    for (const item of this.outbox) this.#send(item);
  }

  onFrame(frame) {
    super.onFrame(frame);
    if (frame.type === "ack") {
      const i = this.outbox.findIndex((x) => x.clientId === frame.clientId);
      const prev = this.acked.get(frame.clientId);
      if (prev && prev.seq !== frame.seq) this.ackMismatches += 1;
      if (i >= 0) {
        this.acked.set(frame.clientId, { seq: frame.seq, n: this.outbox[i].n, body: this.outbox[i].body });
        this.outbox.splice(i, 1);
      }
    } else if (frame.type === "error" && frame.clientId) {
      const item = this.outbox.find((x) => x.clientId === frame.clientId);
      if (!item) return;
      if (frame.code === "rate_limited") {
        setTimeout(() => this.ready && this.outbox.includes(item) && this.#send(item), (frame.retryAfter ?? 1) * 1000);
      } else {
        // A definite refusal: the web client would mark it failed.
        this.failed.push({ ...item, code: frame.code, message: frame.message });
        this.outbox.splice(this.outbox.indexOf(item), 1);
      }
    }
  }
}
