// A WebSocket that comes back by itself. Used for the chat socket and the inbox socket.
//
// Why each case is handled the way it is:
// - Backoff grows 0.5 s -> 15 s with jitter, so a server restart is not met by every tab at
//   the same instant, and a missing endpoint (the inbox before it ships) costs one failed
//   attempt per 15 s, not a stream of errors.
// - The browser's `offline` event closes the socket at once: a socket on a dead network can
//   look open for minutes, and messages typed meanwhile must go to the outbox, not into it.
//   `online` reconnects at once instead of waiting out the backoff.
// - A browser cannot read why an upgrade was refused (401, 404 all look like close 1006),
//   so after repeated failures `probe` asks over HTTP whether trying again makes sense.
// - Close codes >= 4000 are the server saying "don't come back" (session ended, removed,
//   chat deleted); `onClose` decides.
import { signal, type ReadonlySignal } from "@preact/signals";

export type SocketStatus = "connecting" | "open" | "stopped";

export interface SocketOptions {
  /** Computed for every attempt: the chat socket's `since` moves as frames arrive. */
  url: () => string;
  onOpen?: (send: (data: string) => boolean) => void;
  onMessage: (data: string) => void;
  /** An open socket went away (closed, or dropped by us when the network went offline). */
  onDown?: () => void;
  /** Return "stop" to give up for good (e.g. 4403 removed from the chat). */
  onClose?: (code: number, reason: string) => "retry" | "stop";
  /** Asked after several attempts that never opened; "stop" gives up. */
  probe?: () => Promise<"retry" | "stop">;
}

const minDelay = 500;
const maxDelay = 15_000;
const probeAfter = 2;

export function wsUrl(path: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${path}`;
}

export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = false;
  private readonly statusSignal = signal<SocketStatus>("connecting");

  constructor(private readonly options: SocketOptions) {
    addEventListener("online", this.handleOnline);
    addEventListener("offline", this.handleOffline);
    this.connect();
  }

  get status(): ReadonlySignal<SocketStatus> {
    return this.statusSignal;
  }

  /** Sends if the socket is open; false tells the caller to keep the data for later. */
  send = (data: string): boolean => {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(data);
    return true;
  };

  /** Marks the connection healthy: the next drop starts the backoff from the bottom. */
  markHealthy(): void {
    this.failures = 0;
  }

  stop(): void {
    this.stopped = true;
    removeEventListener("online", this.handleOnline);
    removeEventListener("offline", this.handleOffline);
    if (this.timer) clearTimeout(this.timer);
    this.drop();
    this.statusSignal.value = "stopped";
  }

  private connect(): void {
    if (this.stopped) return;
    this.timer = null;
    this.statusSignal.value = "connecting";
    if (!navigator.onLine) return; // `online` will call us back
    let opened = false;
    const ws = new WebSocket(this.options.url());
    this.ws = ws;
    ws.onopen = () => {
      opened = true;
      this.statusSignal.value = "open";
      this.options.onOpen?.(this.send);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === "string") this.options.onMessage(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return; // an old socket we already replaced
      this.ws = null;
      if (this.stopped) return;
      this.statusSignal.value = "connecting";
      if (opened) this.options.onDown?.();
      if (opened && this.options.onClose?.(ev.code, ev.reason) === "stop") {
        this.stop();
        return;
      }
      this.failures += 1;
      if (!opened && this.failures >= probeAfter && this.options.probe) {
        void this.options.probe().then(
          (verdict) => (verdict === "stop" ? this.stop() : this.schedule(this.delay())),
          () => this.schedule(this.delay()),
        );
        return;
      }
      this.schedule(this.delay());
    };
  }

  private delay(): number {
    const base = Math.min(maxDelay, minDelay * 2 ** Math.max(0, this.failures - 1));
    return base * (0.7 + Math.random() * 0.6);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), ms);
  }

  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    const wasOpen = ws.readyState === WebSocket.OPEN;
    ws.onopen = ws.onmessage = ws.onclose = null;
    ws.close(1000);
    if (wasOpen && !this.stopped) this.options.onDown?.();
  }

  private handleOnline = (): void => {
    if (this.stopped || this.ws) return;
    this.failures = 0;
    this.schedule(0);
  };

  private handleOffline = (): void => {
    if (this.stopped) return;
    this.drop();
    this.statusSignal.value = "connecting";
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  };
}

/** A text frame parsed against one of the protocol's unions; anything else is dropped (with a
 * warning, so a contract drift shows up in the console and in the e2e checks). */
export function parseFrame<T>(data: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown } } }, what: string): T | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.warn(`qmessenger: ignored ${what} outside the protocol`, parsed.error.issues);
    return null;
  }
  return parsed.data;
}
