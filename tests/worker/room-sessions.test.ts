// A chat socket lives no longer than the session that opened it (docs/api.md close code 4401):
// revoking the session closes it at once, an upgrade from a session the room has heard was
// ended is refused by the room itself, and a socket that only listens is closed when its
// session expires, by the room's scheduler rather than at its next frame.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { User } from "#protocol";
import { Client, Socket } from "./client.ts";

const PASSWORD = "correct horse battery staple";

async function pair() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Sessions");
  await alice.addMember(chat.id, bob);
  return { alice, bob, chat };
}

const rosterVersion = async (chatId: string) =>
  (await env.DB.prepare("SELECT roster_version AS v FROM chats WHERE id = ?").bind(chatId).first<{ v: number }>())!.v;

/** An upgrade as the Worker forwards it after its checks (services/sockets.ts). */
async function upgrade(chatId: string, who: { user: User; sessionId: string; version: number }) {
  const headers = new Headers({ upgrade: "websocket" });
  headers.set("x-qm-user", encodeURIComponent(JSON.stringify(who.user)));
  headers.set("x-qm-role", "member");
  headers.set("x-qm-roster-version", String(who.version));
  headers.set("x-qm-session", who.sessionId);
  headers.set("x-qm-session-expires", new Date(Date.now() + 3600_000).toISOString());
  const res = await env.CHAT_ROOM.getByName(chatId).fetch(new Request("https://room/ws", { headers }));
  expect(res.status).toBe(101);
  res.webSocket!.accept();
  return new Socket(res.webSocket!);
}

async function outcome(s: Socket) {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (s.closed) return { closed: s.closed.code };
    if (s.frames.some((f) => f.type === "ready")) return { ready: true };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("neither ready nor closed");
}

describe("sessions and chat sockets", () => {
  it("refuses an upgrade from a session that was signed out before the upgrade reached the room", async () => {
    const { bob, chat } = await pair();
    const phone = new Client();
    await phone.json("POST", "/api/auth/login", { username: bob.user.username, password: PASSWORD });
    const { sessions } = await phone.json<{ sessions: { id: string; current: boolean }[] }>("GET", "/api/auth/sessions");
    const phoneSession = sessions.find((s) => s.current)!.id;
    const version = await rosterVersion(chat.id);
    await phone.json("POST", "/api/auth/logout", undefined, 204);
    // The phone's upgrade passed the Worker's session check just before the sign-out.
    const late = await upgrade(chat.id, { user: bob.user, sessionId: phoneSession, version });
    expect(await outcome(late)).toEqual({ closed: 4401 });
    expect(late.frames).toEqual([]);
    // Bob's other session is not affected.
    const laptop = await bob.socket(chat.id);
    await laptop.next("ready");
    laptop.close();
  });

  it("closes a socket that only listens when its session expires", async () => {
    const { alice, bob, chat } = await pair();
    const expiresAt = Date.now() + 1500;
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(new Date(expiresAt).toISOString(), bob.user.id).run();
    const listening = await bob.socket(chat.id);
    await listening.next("ready");
    const other = await alice.socket(chat.id);
    await other.next("ready");
    // Bob never sends a frame; the room's alarm closes his socket once the session is over.
    const closed = await listening.waitClose(10_000);
    expect(closed?.code).toBe(4401);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    // Alice's session goes on.
    other.send({ type: "send", clientId: crypto.randomUUID(), body: "still here" });
    await other.next("ack");
    other.close();
  });
});
