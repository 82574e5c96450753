// A tiny API client for tests: a cookie jar per user, the app's own Origin on every request,
// and sockets opened through the Worker exactly as a browser would.
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { Chat, ErrorCode, ServerFrame, User } from "#protocol";

export const ORIGIN = "http://qm.test";

let counter = 0;
export const uniqueName = (prefix = "u") => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.slice(0, 32);

const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

export class Client {
  cookie: string | null = null;
  user!: User;
  /** Each client gets its own address unless told, so per-IP limits only bite where a test means them to. */
  constructor(public ip = randomIp()) {}

  async request(method: string, path: string, body?: unknown, init: RequestInit & { origin?: string | null } = {}) {
    const headers = new Headers(init.headers);
    if (init.origin !== null) headers.set("origin", init.origin ?? ORIGIN);
    headers.set("cf-connecting-ip", this.ip);
    if (this.cookie) headers.set("cookie", this.cookie);
    if (body !== undefined) headers.set("content-type", "application/json");
    const res = await exports.default.fetch(
      new Request(ORIGIN + path, { ...init, method, headers, body: body === undefined ? (init.body ?? null) : typeof body === "string" ? body : JSON.stringify(body) }),
    );
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const pair = setCookie.split(";")[0]!;
      this.cookie = pair.endsWith("=") || /max-age=0/i.test(setCookie) ? null : pair;
    }
    return res;
  }

  async json<T = any>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBe(status);
    return (text ? JSON.parse(text) : null) as T;
  }

  static async register(username = uniqueName(), password = "correct horse battery staple", ip?: string) {
    const c = new Client(ip);
    const { user } = await c.json<{ user: User }>("POST", "/api/auth/register", { username, password }, 201);
    c.user = user;
    return c;
  }

  async createChat(name: string) {
    return (await this.json<{ chat: Chat }>("POST", "/api/chats", { name }, 201)).chat;
  }

  /** Invites `other` and has them accept: two members who can talk. */
  async addMember(chatId: string, other: Client) {
    const { invite } = await this.json("POST", `/api/chats/${chatId}/invites`, { username: other.user.username }, 201);
    await other.json("POST", `/api/invites/${invite.id}/accept`, undefined, 200);
  }

  /** `reads: "batch"` asks for read marks as `reads` frames, as the web app does. */
  async socket(chatId: string, since?: number, opts: { reads?: "batch" } = {}) {
    const query = new URLSearchParams();
    if (since !== undefined) query.set("since", String(since));
    if (opts.reads) query.set("reads", opts.reads);
    const res = await this.request("GET", `/api/chats/${chatId}/ws${query.size ? `?${query}` : ""}`, undefined, {
      headers: { upgrade: "websocket" },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    return new Socket(ws);
  }
}

export async function expectError(res: Response, status: number, code: ErrorCode) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  return body;
}

/** A client-side socket that queues frames so tests can await the next one of a kind. */
export class Socket {
  frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | null = null;
  #waiters: (() => void)[] = [];

  constructor(public ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      this.frames.push(JSON.parse(e.data as string));
      this.#wake();
    });
    ws.addEventListener("close", (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.#wake();
    });
  }

  #wake() {
    for (const w of this.#waiters.splice(0)) w();
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (not yet taken) matching `pred`, removing it from the queue. */
  async next<T extends ServerFrame["type"]>(type: T, pred: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex((f) => f.type === type && pred(f as Extract<ServerFrame, { type: T }>));
      if (i >= 0) return this.frames.splice(i, 1)[0] as Extract<ServerFrame, { type: T }>;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitClose(timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.closed;
  }

  close() {
    try {
      this.ws.close(1000, "done");
    } catch {
      // already closed
    }
  }
}
