// WebSocket clients for both servers. One `ws` listener per socket stays installed for its
// whole life and hands each text frame to a swappable `onText`, so a scenario can take over a
// socket opened by another step without missing frames in between.
import WebSocket from "ws";

const OPEN_TIMEOUT_MS = 60_000;

const isAppReady = (text) => text.startsWith('{"type":"ready"');

/**
 * Opens a socket and resolves once the server's `ready` frame arrived. Resolves
 * { ws, openMs, readyMs } (ms since `t0`); rejects on a refused upgrade, an early close or
 * after 60 s. `onText(text, now)` receives every frame after `ready`; `closed` is set on close.
 * `hello` is sent as soon as the socket opens and `isReady` tells the ready frame: both
 * differ on the workers-chat-demo, which waits for `{"name"}` and answers `{"ready":true}`.
 * `readyOnOpen`: the socket is ready once open (the inbox socket sends nothing first).
 */
export function openSocket(url, { headers = {}, t0 = performance.now(), hello = null, isReady = isAppReady, readyOnOpen = false } = {}) {
  return new Promise((resolve, reject) => {
    // No permessage-deflate (the app's server does not offer it; the baseline is told not to);
    // no UTF-8 validation in the client: it would be client CPU spent on every delivery.
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: OPEN_TIMEOUT_MS });
    const sock = { ws, openMs: null, readyMs: null, readyFrame: null, closed: null, onText: () => {} };
    let ready = false;
    const timer = setTimeout(() => fail(new Error(`no ready frame within ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS);
    const fail = (err) => {
      clearTimeout(timer);
      if (!ready) {
        ready = true;
        ws.terminate();
        reject(err);
      }
    };
    ws.on("unexpected-response", (_req, res) => fail(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    ws.on("error", (err) => fail(err));
    ws.on("open", () => {
      sock.openMs = performance.now() - t0;
      if (hello !== null) ws.send(hello);
      if (readyOnOpen) {
        ready = true;
        clearTimeout(timer);
        sock.readyMs = sock.openMs;
        resolve(sock);
      }
    });
    ws.on("close", (code, reason) => {
      sock.closed = { code, reason: reason.toString(), at: performance.now() };
      fail(new Error(`closed before ready: ${code} ${reason}`));
    });
    ws.on("message", (data) => {
      const now = performance.now();
      const text = data.toString();
      if (ready) return sock.onText(text, now);
      if (isReady(text)) {
        ready = true;
        clearTimeout(timer);
        sock.readyMs = now - t0;
        sock.readyFrame = JSON.parse(text);
        resolve(sock);
      }
    });
  });
}

/** Closes sockets and waits (bounded) for their close handshakes, so the server is idle again. */
export async function closeAll(socks, timeoutMs = 10_000) {
  await Promise.race([
    Promise.all(
      socks.map(
        (s) =>
          new Promise((r) => {
            if (!s || s.closed || s.ws.readyState === WebSocket.CLOSED) return r();
            s.ws.once("close", r);
            s.ws.close(1000, "bench done");
          }),
      ),
    ),
    new Promise((r) => setTimeout(r, timeoutMs)),
  ]);
  for (const s of socks) if (s && s.ws.readyState !== WebSocket.CLOSED) s.ws.terminate();
}
