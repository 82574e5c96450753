// What a scenario can drive, behind one shape so every scenario runs the same code against
// all of them:
//   app:   the real path. Users sign up over HTTP (PBKDF2 and all), join a public chat, and open
//          the chat socket with their session cookie and our own Origin (the server refuses
//          upgrades without one). History comes from GET /api/chats/:id/messages. With
//          `realistic`, each subscriber also behaves like the web app: it keeps its inbox socket
//          (/api/events) open and sends its read mark at most once per readMarkEvery(members).
//   peer:  cloudflare/workers-chat-demo (bench/lib/peer-server.mjs): the same engine, a
//          hibernating room that stores each message, with its own protocol.
//   relay: bench/relay/: a Durable Object that only relays (no auth, no storage) under the same
//          wrangler: the floor of this engine. It speaks the raw baseline's protocol.
//   raw:   bench/baseline-server.mjs, a Node `ws` server: the floor of this machine.
// Each target says how a bench message is framed (`sendFrame` -> the text and the key its ack
// will carry), how to recognise that ack (`ackKey`), and where the bench body starts in a
// delivered frame (`marker`), so subscribers can find it with indexOf instead of JSON.parse.
// Setup work (users, rooms, fills) is cached on the target so the 3 runs reuse it.
import { randomUUID } from "node:crypto";
import { openSocket } from "./sockets.mjs";
import { pool } from "./stats.mjs";
// How often the web app sends its read mark while messages arrive, by the chat's size.
import { readMarkEvery } from "./read-pace.mjs";

const PASSWORD = "bench-password-4821";
// PBKDF2 is ~15 ms of one core per sign-up: a few at a time keeps the server busy without
// queueing hundreds of requests behind each other.
const SIGNUP_CONCURRENCY = 6;
const JOIN_CONCURRENCY = 8;

/** The JSON frames of the app and the raw/relay floors: `send` in, `ack` back with the clientId. */
const jsonSend = (body) => {
  const clientId = randomUUID();
  return { text: JSON.stringify({ type: "send", clientId, body }), key: clientId };
};
const jsonAck = (text) => (text.startsWith('{"type":"ack"') ? JSON.parse(text).clientId : undefined);
const bodyMarker = (tag) => `"body":"bench|${tag}|`;

export class AppTarget {
  name = "app";
  /** @type {{ id: string, username: string, cookie: string }[]} */
  users = [];
  rooms = new Map();
  marker = bodyMarker;
  ackKey = jsonAck;
  sendFrame = jsonSend;

  constructor(base, { realistic = false } = {}) {
    this.realistic = realistic;
    this.base = base;
    this.origin = base; // the app's own origin: http://127.0.0.1:<port>
    this.wsBase = base.replace(/^http/, "ws");
  }

  async #json(method, path, { cookie, body } = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: { origin: this.origin, ...(cookie ? { cookie } : {}), ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
    return { data: text ? JSON.parse(text) : null, cookie: cookies.join("; ") };
  }

  /** Makes sure at least `n` users exist (signed up, each with a session cookie). */
  async ensureUsers(n) {
    const start = this.users.length;
    if (n <= start) return;
    const made = await pool(n - start, SIGNUP_CONCURRENCY, async (k) => {
      const username = `bench_${start + k}`;
      const { data, cookie } = await this.#json("POST", "/api/auth/register", { body: { username, password: PASSWORD } });
      return { id: data.user.id, username, cookie };
    });
    this.users.push(...made);
  }

  /** A new session for a user: what "sign in" costs (PBKDF2 + a D1 session row). */
  async login(user) {
    const { cookie } = await this.#json("POST", "/api/auth/login", { body: { username: user.username, password: PASSWORD } });
    return cookie;
  }

  /**
   * A public chat owned by user 0 with users 1..members as members (joined over HTTP, the
   * real path: D1 row + the room's member list + a "joined" system message each).
   * Cached by key. Returns { id, owner, members }.
   */
  async room(key, members) {
    if (this.rooms.has(key)) return this.rooms.get(key);
    await this.ensureUsers(members + 1);
    const owner = this.users[0];
    const { data } = await this.#json("POST", "/api/chats", { cookie: owner.cookie, body: { name: `bench ${key}`, visibility: "public" } });
    const id = data.chat.id;
    const list = this.users.slice(1, members + 1);
    await pool(list.length, JOIN_CONCURRENCY, (i) => this.#json("POST", `/api/chats/${id}/join`, { cookie: list[i].cookie }));
    const room = { id, owner, members: list };
    this.rooms.set(key, room);
    return room;
  }

  /** Opens a chat socket as `user` (optionally with another cookie, e.g. a fresh login). */
  connect(room, user, { cookie = user.cookie, t0 } = {}) {
    // reads=batch: read marks as one `reads` frame per interval, as the web app asks.
    return openSocket(`${this.wsBase}/api/chats/${room.id}/ws${this.realistic ? "?reads=batch" : ""}`, { headers: { cookie, origin: this.origin }, t0 });
  }

  /**
   * A subscriber as the web app is one (when `realistic`): its inbox socket stays open beside
   * the chat socket, and each delivered message may move its read mark, sent at most once per
   * readMarkEvery(members) with the newest seq. Returns the extra sockets to close afterwards and the
   * per-delivery hook.
   */
  async subscriberExtras(user, sock, members) {
    const every = readMarkEvery(members);
    if (!this.realistic) return { sockets: [], onDelivery: null };
    const inbox = await openSocket(`${this.wsBase}/api/events`, { headers: { cookie: user.cookie, origin: this.origin }, readyOnOpen: true });
    let newest = 0;
    let sent = 0;
    let sentAt = -Infinity;
    let timer = null;
    const flush = () => {
      timer = null;
      if (newest > sent && !sock.closed) {
        sent = newest;
        sentAt = performance.now();
        sock.ws.send(`{"type":"read","seq":${sent}}`);
      }
    };
    // Leading edge after a quiet interval, then at most one per interval with the newest seq.
    const onDelivery = (text) => {
      const at = text.indexOf('"seq":');
      const seq = at < 0 ? NaN : parseInt(text.slice(at + 6, at + 20), 10);
      if (seq > newest) newest = seq;
      if (timer === null) timer = setTimeout(flush, Math.max(0, sentAt + every - performance.now()));
    };
    return { sockets: [inbox], onDelivery, stop: () => timer && clearTimeout(timer) };
  }

  /** Path and headers of a history page request (latest when `before` is undefined). */
  historyRequest(room, user, before) {
    const q = before === undefined ? "" : `&before=${before}`;
    return { path: `/api/chats/${room.id}/messages?limit=50${q}`, headers: { cookie: user.cookie } };
  }
}

export class RawTarget {
  rooms = new Map();
  users = [];
  marker = bodyMarker;
  ackKey = jsonAck;
  sendFrame = jsonSend;

  /** `name`: "raw" for the Node server, "relay" for the Durable Object relay (same protocol). */
  constructor(base, name = "raw") {
    this.name = name;
    this.base = base;
    this.wsBase = base.replace(/^http/, "ws");
  }

  async ensureUsers() {}

  async login() {
    return "";
  }

  /** Rooms are just names on the baseline; members are placeholders with no account. */
  async room(key, members) {
    if (!this.rooms.has(key)) {
      const list = Array.from({ length: members }, (_, i) => ({ id: `raw${i}`, username: `raw${i}`, cookie: "" }));
      this.rooms.set(key, { id: `${key}-${randomUUID()}`, owner: { id: "owner", username: "owner", cookie: "" }, members: list });
    }
    return this.rooms.get(key);
  }

  connect(room, _user, { t0 } = {}) {
    return openSocket(`${this.wsBase}/ws/${room.id}`, { t0 });
  }

  historyRequest(_room, _user, before) {
    const q = before === undefined ? "" : `&before=${before}`;
    return { path: `/history?limit=50${q}`, headers: {} };
  }
}

/**
 * cloudflare/workers-chat-demo: `/api/room/<name>/websocket`; the client sends `{"name"}`
 * first and gets the backlog, then `{"ready":true}`; `{"message"}` (at most 256 characters) is
 * broadcast as `{name, message, timestamp}` to every socket, the sender's own included, which
 * is the only acknowledgement it gets. Rooms have no accounts and no history page.
 */
export class PeerTarget {
  name = "peer";
  rooms = new Map();
  users = [];

  constructor(base) {
    this.base = base;
    this.wsBase = base.replace(/^http/, "ws");
  }

  async ensureUsers() {}

  async login() {
    return "";
  }

  async room(key, members) {
    if (!this.rooms.has(key)) {
      const list = Array.from({ length: members }, (_, i) => ({ id: `p${i}`, username: `p${i}`, cookie: "" }));
      // The demo refuses room names over 32 characters.
      this.rooms.set(key, { id: `${key.slice(0, 12)}-${randomUUID().slice(0, 12)}`, owner: { id: "owner", username: "owner", cookie: "" }, members: list });
    }
    return this.rooms.get(key);
  }

  connect(room, user, { t0 } = {}) {
    return openSocket(`${this.wsBase}/api/room/${room.id}/websocket`, {
      t0,
      hello: JSON.stringify({ name: user.username }),
      isReady: (text) => text === '{"ready":true}',
    });
  }

  marker(tag) {
    return `"message":"bench|${tag}|`;
  }

  /** The key is the body's own `bench|<tag>|<i>|` prefix: the echo carries it back. */
  sendFrame(body) {
    return { text: JSON.stringify({ message: body }), key: body.slice(0, nthBar(body, 3) + 1) };
  }

  ackKey(text) {
    const at = text.indexOf('"message":"bench|');
    if (at < 0) return undefined;
    const from = at + '"message":"'.length;
    const rest = text.slice(from, from + 64);
    return rest.slice(0, nthBar(rest, 3) + 1);
  }

  historyRequest() {
    throw new Error("the demo has no history page");
  }
}

function nthBar(s, n) {
  let at = -1;
  for (let k = 0; k < n; k++) at = s.indexOf("|", at + 1);
  return at;
}
