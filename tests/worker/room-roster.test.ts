// The room refuses by itself (docs/architecture.md "Membership inside the room"): it keeps its
// own copy of the roster, versioned by D1, and judges every upgrade and notice against it. The
// Worker checks membership in D1 first, but its check and the room can be reached out of order:
// an upgrade checked just before a removal may reach the room after it. These tests play the
// Worker's part by hand, driving the room's fetch and RPC with the versions D1 gave, in the
// order the race would deliver them.
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Message, Role, User } from "#protocol";
import { Client, Socket } from "./client.ts";

const rosterVersion = async (chatId: string) =>
  (await env.DB.prepare("SELECT roster_version AS v FROM chats WHERE id = ?").bind(chatId).first<{ v: number }>())!.v;

/** The room as the Worker calls it; typed loosely so that a test can send what a stale call
 * would carry. */
type Room = {
  fetch(request: Request): Promise<Response>;
  memberLeft(...args: unknown[]): Promise<unknown>;
  markRead(...args: unknown[]): Promise<unknown>;
  readMarks(): Promise<Record<string, number>>;
};
const room = (chatId: string) => env.CHAT_ROOM.getByName(chatId) as unknown as Room;

/** An upgrade as the Worker forwards it after its own checks (services/sockets.ts), with the
 * role and roster version its D1 query returned. */
async function upgrade(chatId: string, who: { user: User; role: Role; version: number; sessionId?: string; expiresAt?: string }) {
  const headers = new Headers({ upgrade: "websocket" });
  headers.set("x-qm-user", encodeURIComponent(JSON.stringify(who.user)));
  headers.set("x-qm-role", who.role);
  headers.set("x-qm-session", who.sessionId ?? "stale-check-session");
  headers.set("x-qm-session-expires", who.expiresAt ?? new Date(Date.now() + 3600_000).toISOString());
  headers.set("x-qm-roster-version", String(who.version));
  const res = await room(chatId).fetch(new Request("https://room/ws", { headers }));
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  return new Socket(ws);
}

/** Waits for the socket either to close or to get `ready`, and says which. */
async function outcome(s: Socket) {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (s.closed) return { closed: s.closed.code };
    if (s.frames.some((f) => f.type === "ready")) return { ready: true };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("neither ready nor closed");
}

async function pair() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Roster");
  await alice.addMember(chat.id, bob);
  return { alice, bob, chat };
}

describe("the room's own roster", () => {
  it("refuses an upgrade whose membership check ran before a removal the room already knows of", async () => {
    const { alice, bob, chat } = await pair();
    const checkedAt = await rosterVersion(chat.id);
    await alice.json("DELETE", `/api/chats/${chat.id}/members/${bob.user.id}`, undefined, 204);
    const late = await upgrade(chat.id, { user: bob.user, role: "member", version: checkedAt });
    expect(await outcome(late)).toEqual({ closed: 4403 });
    // Nothing of the chat reached the socket.
    expect(late.frames).toEqual([]);
  });

  it("closes the socket of a member whose removal arrives after their upgrade", async () => {
    const { alice, bob, chat } = await pair();
    const sock = await bob.socket(chat.id);
    await sock.next("ready");
    await alice.json("DELETE", `/api/chats/${chat.id}/members/${bob.user.id}`, undefined, 204);
    expect((await sock.waitClose())?.code).toBe(4403);
  });

  it("does not let a late read mark bring a removed member back", async () => {
    const { alice, bob, chat } = await pair();
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "hi" }, 201);
    await alice.json("DELETE", `/api/chats/${chat.id}/members/${bob.user.id}`, undefined, 204);
    // A read the Worker accepted from bob just before the removal reaches the room after it.
    await room(chat.id).markRead(bob.user.id, message.seq);
    const marks = await room(chat.id).readMarks();
    expect(Object.keys(marks)).toEqual([alice.user.id]);
    const { members } = await alice.json<{ members: { user: { id: string }; lastReadSeq: number }[] }>("GET", `/api/chats/${chat.id}`);
    expect(members.map((m) => m.user.id)).toEqual([alice.user.id]);
  });

  it("ignores a removal notice older than the member's rejoining", async () => {
    const { alice, bob, chat } = await pair();
    await alice.json("DELETE", `/api/chats/${chat.id}/members/${bob.user.id}`, undefined, 204);
    const removedAt = await rosterVersion(chat.id);
    await alice.addMember(chat.id, bob);
    const sock = await bob.socket(chat.id);
    await sock.next("ready");
    // The removal's notice, delayed, arrives after the rejoin: it changes nothing.
    await room(chat.id).memberLeft(bob.user, alice.user, removedAt);
    sock.send({ type: "send", clientId: crypto.randomUUID(), body: "still here" });
    await sock.next("ack");
    expect(sock.closed).toBeNull();
    expect(Object.keys(await room(chat.id).readMarks()).sort()).toEqual([alice.user.id, bob.user.id].sort());
    sock.close();
  });

  it("uses the role it knows, not an older one an upgrade carries", async () => {
    const { alice, bob, chat } = await pair();
    await alice.json("PATCH", `/api/chats/${chat.id}/members/${bob.user.id}`, { role: "admin" });
    const asAdmin = await rosterVersion(chat.id);
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "alice's" }, 201);
    await alice.json("PATCH", `/api/chats/${chat.id}/members/${bob.user.id}`, { role: "member" });
    // An upgrade checked while bob was still an admin reaches the room after his demotion.
    const late = await upgrade(chat.id, { user: bob.user, role: "admin", version: asAdmin });
    expect(await outcome(late)).toEqual({ ready: true });
    late.send({ type: "delete", seq: message.seq });
    expect((await late.next("error")).code).toBe("forbidden");
    const page = await alice.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages`);
    expect(page.messages.find((m) => m.seq === message.seq)?.deleted).toBe(false);
    late.close();
  });

  it("takes a demotion at once on a socket opened before it", async () => {
    const { alice, bob, chat } = await pair();
    await alice.json("PATCH", `/api/chats/${chat.id}/members/${bob.user.id}`, { role: "admin" });
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "alice's" }, 201);
    const sock = await bob.socket(chat.id);
    await sock.next("ready");
    await alice.json("PATCH", `/api/chats/${chat.id}/members/${bob.user.id}`, { role: "member" });
    sock.send({ type: "delete", seq: message.seq });
    expect((await sock.next("error")).code).toBe("forbidden");
    sock.close();
  });

  it("keeps the members and read marks of a room made before the roster was versioned", async () => {
    const { alice, bob, chat } = await pair();
    const post = async (c: Client, body: string) =>
      (await c.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body }, 201)).message;
    const bobs = await post(bob, "from bob");
    await post(alice, "from alice");
    const stub = env.CHAT_ROOM.getByName(chat.id);
    // The room as the previous version left it: an unversioned member list with read marks.
    await runInDurableObject(stub, (_room, state) => {
      state.storage.sql.exec("DROP TABLE roster");
      state.storage.sql.exec("CREATE TABLE members (user_id TEXT PRIMARY KEY, read_seq INTEGER NOT NULL DEFAULT 0)");
      state.storage.sql.exec("INSERT INTO members VALUES (?, 3), (?, 2)", alice.user.id, bob.user.id);
    });
    await evictDurableObject(stub);
    expect(await room(chat.id).readMarks()).toEqual({ [alice.user.id]: 3, [bob.user.id]: 2 });
    // The owner's role comes back with her first upgrade: she may delete bob's message.
    const sock = await alice.socket(chat.id);
    await sock.next("ready");
    sock.send({ type: "delete", seq: bobs.seq });
    expect((await sock.next("deleted")).seq).toBe(bobs.seq);
    sock.close();
  });
});
