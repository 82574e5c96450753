// Deleting a chat cannot half-happen (docs/architecture.md "Deleting a chat"): the room is
// marked deleted first and refuses every write and upgrade from then on, D1 and R2 are cleared
// after it, each step can be repeated, and the room's scheduler finishes a deletion that was
// interrupted. Requests that passed their access check before the deletion reach the room
// after it: these tests deliver them by hand.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Attachment, Message } from "#protocol";
import { readUpload } from "../../worker/media/upload.ts";
import { addToChat } from "../../worker/services/media.ts";
import { Client, expectError, Socket } from "./client.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(7)]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(100).fill(1)]);

/** The room as the Worker calls it, typed loosely so a test can make the calls an interrupted
 * or overtaken request would make. */
type Room = {
  fetch(request: Request): Promise<Response>;
  post(...args: unknown[]): Promise<{ ok: boolean; code?: string }>;
  markDeleted(): Promise<unknown>;
  readMarks(): Promise<Record<string, number>>;
  markRead(...args: unknown[]): Promise<unknown>;
  memberJoined(...args: unknown[]): Promise<unknown>;
  reactors(...args: unknown[]): Promise<{ ok: boolean; code?: string }>;
  readers(...args: unknown[]): Promise<{ ok: boolean; code?: string }>;
  page(...args: unknown[]): Promise<{ messages: unknown[] }>;
  search(...args: unknown[]): Promise<unknown[]>;
};
const room = (chatId: string) => env.CHAT_ROOM.getByName(chatId) as unknown as Room;

const r2Keys = async (chatId: string) => (await env.MEDIA.list({ prefix: `chats/${chatId}/` })).objects.map((o) => o.key);
const chatRow = (chatId: string) => env.DB.prepare("SELECT id FROM chats WHERE id = ?").bind(chatId).first();

async function chatWithMedia() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Doomed");
  await alice.addMember(chat.id, bob);
  const up = await alice.request("POST", `/api/chats/${chat.id}/media?name=p.png`, undefined, { body: PNG } as RequestInit);
  const { attachment } = await up.json<{ attachment: Attachment }>();
  await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "with a picture", attachmentIds: [attachment.id] }, 201);
  return { alice, bob, chat, attachment };
}

async function upgrade(chatId: string, c: Client) {
  const headers = new Headers({ upgrade: "websocket" });
  headers.set("x-qm-user", encodeURIComponent(JSON.stringify(c.user)));
  headers.set("x-qm-role", "member");
  headers.set("x-qm-roster-version", "1000");
  headers.set("x-qm-session", "some-session");
  headers.set("x-qm-session-expires", new Date(Date.now() + 3600_000).toISOString());
  const res = await room(chatId).fetch(new Request("https://room/ws", { headers }));
  expect(res.status).toBe(101);
  res.webSocket!.accept();
  return new Socket(res.webSocket!);
}

describe("deleting a chat", () => {
  it("clears the room, D1 and R2, and a send that passed its access check before cannot write after it", async () => {
    const { alice, chat } = await chatWithMedia();
    expect(await r2Keys(chat.id)).toHaveLength(1);
    await alice.json("DELETE", `/api/chats/${chat.id}`, undefined, 204);
    expect(await chatRow(chat.id)).toBeNull();
    expect(await r2Keys(chat.id)).toEqual([]);
    // A send checked against D1 just before the deletion reaches the room just after it.
    const late = await room(chat.id).post(alice.user, { clientId: crypto.randomUUID(), body: "too late" });
    expect(late).toMatchObject({ ok: false, code: "not_found" });
    await runInDurableObject(env.CHAT_ROOM.getByName(chat.id), (_room, state) => {
      const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").toArray();
      expect(tables.map((t) => t.name)).toEqual(["tombstone"]);
    });
  });

  it("stays deleted when the room wakes again: writes and upgrades are refused", async () => {
    const { alice, bob, chat } = await chatWithMedia();
    await alice.json("DELETE", `/api/chats/${chat.id}`, undefined, 204);
    await evictDurableObject(env.CHAT_ROOM.getByName(chat.id));
    expect(await room(chat.id).post(bob.user, { clientId: crypto.randomUUID(), body: "anyone here?" })).toMatchObject({ ok: false, code: "not_found" });
    const sock = await upgrade(chat.id, bob);
    expect((await sock.waitClose())?.code).toBe(4404);
    expect(sock.frames).toEqual([]);
    expect(await room(chat.id).readMarks()).toEqual({});
  });

  it("answers reads that passed their access check before the deletion as a deleted room, and regrows no table", async () => {
    const { alice, bob, chat } = await chatWithMedia();
    await alice.json("DELETE", `/api/chats/${chat.id}`, undefined, 204);
    await evictDurableObject(env.CHAT_ROOM.getByName(chat.id));
    const r = room(chat.id);
    expect(await r.reactors(1)).toMatchObject({ ok: false, code: "not_found" });
    expect(await r.readers(alice.user.id, 1)).toMatchObject({ ok: false, code: "not_found" });
    expect((await r.page(alice.user.id, { around: 1 })).messages).toEqual([]);
    expect(await r.search(alice.user.id, "picture", 10, { createdAt: new Date().toISOString(), seq: 5, chatId: chat.id })).toEqual([]);
    // Notices that move read marks (and would log read times) change nothing either.
    await r.markRead(bob.user.id, 1);
    await r.memberJoined(bob.user, { role: "member", version: 1000, announce: true });
    await runInDurableObject(env.CHAT_ROOM.getByName(chat.id), (_room, state) => {
      const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").toArray();
      expect(tables.map((t) => t.name)).toEqual(["tombstone"]);
    });
  });

  it("leaves no bytes behind from an upload that passed its access check before the deletion", async () => {
    const { alice, chat } = await chatWithMedia();
    await alice.json("DELETE", `/api/chats/${chat.id}`, undefined, 204);
    const upload = await readUpload(new Request("https://qm.test/upload", { method: "POST", body: PNG, headers: { "content-length": String(PNG.length) } }), { image: 1 << 20 });
    await expect(addToChat(env, chat.id, alice.user.id, upload, { name: "late.png" })).rejects.toBeTruthy();
    expect(await r2Keys(chat.id)).toEqual([]);
  });

  it("is finished by the room's scheduler when the request that started it stopped after the first step", async () => {
    const { alice, bob, chat } = await chatWithMedia();
    const a = await alice.socket(chat.id);
    await a.next("ready");
    // The Worker marked the room deleted, then failed before clearing D1 and R2.
    await room(chat.id).markDeleted();
    expect((await a.waitClose())?.code).toBe(4404);
    await expectError(await bob.request("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "hello?" }), 404, "not_found");
    const stub = env.CHAT_ROOM.getByName(chat.id);
    await runInDurableObject(stub, (_room, state) => {
      state.storage.sql.exec("UPDATE jobs SET due_at = 0");
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await chatRow(chat.id)).toBeNull();
    expect(await r2Keys(chat.id)).toEqual([]);
    await expectError(await alice.request("GET", `/api/chats/${chat.id}`), 404, "not_found");
    // Repeating the whole deletion is harmless.
    await room(chat.id).markDeleted();
    expect(await chatRow(chat.id)).toBeNull();
  });
});

describe("thumbnails", () => {
  it("get a new URL when replaced (they are served immutable), and the old bytes go", async () => {
    const alice = await Client.register();
    const chat = await alice.createChat("Thumbs");
    const MP4 = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode("ftypisom"), ...new Array(300).fill(3)]);
    const { attachment } = await (await alice.request("POST", `/api/chats/${chat.id}/media?name=v.mp4`, undefined, { body: MP4 } as RequestInit)).json<{ attachment: Attachment }>();
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "", attachmentIds: [attachment.id] }, 201);
    const thumbOf = async () =>
      (await alice.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages`)).messages.find((m) => m.seq === message.seq)!.attachments[0]!.thumbnailUrl;
    const put = (bytes: Uint8Array) => alice.request("PUT", `/api/media/${attachment.id}/thumbnail`, undefined, { body: bytes } as RequestInit);
    expect((await put(JPEG)).status).toBe(204);
    const first = await thumbOf();
    expect(first).toMatch(new RegExp(`^/api/media/${attachment.id.replace(".", "\\.")}/thumbnail\\?v=`));
    const other = new Uint8Array([...JPEG.subarray(0, 4), ...new Array(60).fill(9)]);
    expect((await put(other)).status).toBe(204);
    const second = await thumbOf();
    expect(second).not.toBe(first);
    const served = await alice.request("GET", second!);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(other);
    expect((await r2Keys(chat.id)).filter((k) => k.includes(".thumb"))).toHaveLength(1);
  });
});
