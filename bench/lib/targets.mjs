// The two things a scenario can drive, behind one shape so every scenario runs the same code
// against both:
//   app: the real path. Users sign up over HTTP (PBKDF2 and all), join a public chat, and open
//        the chat socket with their session cookie and our own Origin (the server refuses
//        upgrades without one). History comes from GET /api/chats/:id/messages.
//   raw: bench/baseline-server.mjs, rooms by name, no accounts.
// Setup work (users, rooms, fills) is cached on the target so the 3 runs reuse it.
import { randomUUID } from "node:crypto";
import { openSocket } from "./sockets.mjs";
import { pool } from "./stats.mjs";

const PASSWORD = "bench-password-4821";
// PBKDF2 is ~15 ms of one core per sign-up: a few at a time keeps the server busy without
// queueing hundreds of requests behind each other.
const SIGNUP_CONCURRENCY = 6;
const JOIN_CONCURRENCY = 8;

export class AppTarget {
  name = "app";
  /** @type {{ id: string, username: string, cookie: string }[]} */
  users = [];
  rooms = new Map();

  constructor(base) {
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
    return openSocket(`${this.wsBase}/api/chats/${room.id}/ws`, { headers: { cookie, origin: this.origin }, t0 });
  }

  sendFrame(body) {
    return JSON.stringify({ type: "send", clientId: randomUUID(), body });
  }

  /** Path and headers of a history page request (latest when `before` is undefined). */
  historyRequest(room, user, before) {
    const q = before === undefined ? "" : `&before=${before}`;
    return { path: `/api/chats/${room.id}/messages?limit=50${q}`, headers: { cookie: user.cookie } };
  }
}

export class RawTarget {
  name = "raw";
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

  sendFrame(body) {
    return JSON.stringify({ type: "send", clientId: randomUUID(), body });
  }

  historyRequest(_room, _user, before) {
    const q = before === undefined ? "" : `&before=${before}`;
    return { path: `/history?limit=50${q}`, headers: {} };
  }
}
