#!/usr/bin/env node
// The baseline: the least a chat server must do, with nothing of the app around it. It tells
// what this machine (2 cores, loopback, the same client process) can deliver at all, so each
// app figure is read as a ratio to it, measured in the same run.
//
//   WebSocket /ws/<room>   `ready` on connect; a `send` frame is parsed, numbered, acked to
//                          the sender and broadcast (encoded once) to every socket of the room.
//                          No auth, no storage, no validation beyond shape: the floor.
//   GET /history?before=&limit=   a page of a node:sqlite table filled at start (--history N),
//                          the same query shape as the room's history page.
//   GET /health
//
// Started by bench/lib/baseline.mjs as its own process (never inside the client process,
// which would share an event loop with what it measures); prints one JSON line when ready.
import { createServer } from "node:http";
import { DatabaseSync } from "node:sqlite";
import { WebSocketServer } from "ws";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const historyRows = Number(arg("history", "0"));

// A sender profile of the same size as the app's, so frames on the wire are comparable.
const sender = { id: "baselinesender0000000", username: "baseline_sender", displayName: "baseline_sender", bio: "", avatarUrl: null };

const db = new DatabaseSync(":memory:");
db.exec("CREATE TABLE messages (seq INTEGER PRIMARY KEY, client_id TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL)");
{
  const insert = db.prepare("INSERT INTO messages (seq, client_id, body, created_at) VALUES (?, ?, ?, ?)");
  const body = "x".repeat(200);
  db.exec("BEGIN");
  for (let seq = 1; seq <= historyRows; seq++) insert.run(seq, `c${seq}`, body, new Date().toISOString());
  db.exec("COMMIT");
}
const latest = db.prepare("SELECT * FROM messages ORDER BY seq DESC LIMIT ?");
const before = db.prepare("SELECT * FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?");
const toMessage = (r) => ({
  chatId: "baseline", seq: r.seq, rev: r.seq, clientId: r.client_id, kind: "text", sender, body: r.body, createdAt: r.created_at,
  editedAt: null, deleted: false, replyTo: null, attachments: [], reactions: [],
});

const http = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/health") return void res.end('{"ok":true}');
  if (url.pathname === "/history") {
    const limit = Math.min(100, Number(url.searchParams.get("limit") ?? 50));
    const b = url.searchParams.get("before");
    const rows = b === null ? latest.all(limit + 1) : before.all(Number(b), limit + 1);
    const body = JSON.stringify({ messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit, rev: historyRows });
    res.writeHead(200, { "content-type": "application/json" });
    return void res.end(body);
  }
  res.writeHead(404).end();
});

const rooms = new Map();
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on("connection", (ws, req) => {
  const name = (req.url ?? "/").replace(/^\/ws\//, "");
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = { seq: 0, sockets: new Set() }));
  room.sockets.add(ws);
  ws.on("close", () => room.sockets.delete(ws));
  ws.send(JSON.stringify({ type: "ready", rev: room.seq, lastSeq: room.seq, online: [] }));
  ws.on("message", (data) => {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (frame?.type !== "send" || typeof frame.clientId !== "string" || typeof frame.body !== "string") return;
    const seq = ++room.seq;
    ws.send(JSON.stringify({ type: "ack", clientId: frame.clientId, seq, rev: seq }));
    const text = JSON.stringify({ type: "message", message: toMessage({ seq, client_id: frame.clientId, body: frame.body, created_at: new Date().toISOString() }) });
    for (const other of room.sockets) other.send(text);
  });
});

http.listen(Number(arg("port", "0")), "127.0.0.1", () => {
  console.log(JSON.stringify({ ready: true, port: http.address().port }));
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(0));
