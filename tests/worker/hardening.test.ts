// Refusals at the edge that a careful client would never trigger, but an attacker would.
import { describe, expect, it } from "vitest";
import type { Attachment, Chat, Message, User } from "#protocol";
import { Client, expectError } from "./client.ts";

describe("JSON bodies", () => {
  it("refuses a body that is not application/json instead of reading it as {}", async () => {
    const alice = await Client.register();
    const chat = await alice.createChat("Links");
    const res = await alice.request("POST", `/api/chats/${chat.id}/links`, undefined, {
      body: JSON.stringify({ maxUses: 1 }),
      headers: { "content-type": "text/plain" },
    });
    await expectError(res, 400, "invalid_request");
    const { links } = await alice.json("GET", `/api/chats/${chat.id}/links`);
    expect(links).toHaveLength(0);
  });

  it("refuses a JSON body over 64 KiB with too_large and creates nothing", async () => {
    const alice = await Client.register();
    const res = await alice.request("POST", "/api/chats", { name: "big", padding: "x".repeat(70 * 1024) });
    await expectError(res, 413, "too_large");
    const { chats } = await alice.json<{ chats: Chat[] }>("GET", "/api/chats");
    expect(chats).toHaveLength(0);
  });
});

describe("password change", () => {
  it("limits wrong current passwords like failed logins", async () => {
    const alice = await Client.register();
    for (let i = 0; i < 5; i++) {
      await expectError(await alice.request("POST", "/api/me/password", { currentPassword: `wrong ${i} guess`, newPassword: "another fine passphrase" }), 403, "forbidden");
    }
    const res = await alice.request("POST", "/api/me/password", { currentPassword: "correct horse battery staple", newPassword: "another fine passphrase" });
    await expectError(res, 429, "rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("profiles in rooms", () => {
  it("shows a renamed user's new name on old and new messages, even from a socket opened before", async () => {
    const alice = await Client.register();
    const chat = await alice.createChat("Names");
    const sock = await alice.socket(chat.id);
    await sock.next("ready");
    sock.send({ type: "send", clientId: crypto.randomUUID(), body: "before" });
    await sock.next("ack");
    await alice.json<{ user: User }>("PATCH", "/api/me", { displayName: "Алиса" });
    sock.send({ type: "send", clientId: crypto.randomUUID(), body: "after" });
    const live = await sock.next("message", (f) => f.message.body === "after");
    expect(live.message.sender?.displayName).toBe("Алиса");
    const { messages } = await alice.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages`);
    expect(messages.map((m) => m.sender?.displayName)).toEqual(["Алиса", "Алиса"]);
    sock.close();
  });
});

describe("media ranges and thumbnails", () => {
  const MP4 = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode("ftypisom"), ...Array.from({ length: 500 }, (_, i) => i % 256)]);
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

  async function sentVideo() {
    const alice = await Client.register();
    const chat = await alice.createChat("Video");
    const up = await alice.request("POST", `/api/chats/${chat.id}/media?name=clip.mp4`, undefined, { body: MP4 } as RequestInit);
    const { attachment } = await up.json<{ attachment: Attachment }>();
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "clip", attachmentIds: [attachment.id] }, 201);
    return { alice, chat, attachment, message };
  }

  it("serves suffix and open ranges, ignores malformed ones and refuses ranges past the end", async () => {
    const { alice, attachment } = await sentVideo();
    const get = (range: string) => alice.request("GET", attachment.url, undefined, { headers: { range } });
    const tail = await get("bytes=-10");
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(`bytes ${MP4.length - 10}-${MP4.length - 1}/${MP4.length}`);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(MP4.subarray(-10));
    const open = await get("bytes=500-");
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(MP4.length - 500);
    for (const junk of ["bytes=abc", "bytes=0-1,5-6", "items=0-1"]) {
      const res = await get(junk);
      expect(res.status, junk).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(MP4.length);
    }
    const past = await get(`bytes=${MP4.length + 5}-`);
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${MP4.length}`);
  });

  it("tells open sockets about a thumbnail added after the message was sent", async () => {
    const { alice, chat, attachment, message } = await sentVideo();
    const sock = await alice.socket(chat.id, message.rev);
    await sock.next("ready");
    const res = await alice.request("PUT", `/api/media/${attachment.id}/thumbnail`, undefined, { body: JPEG } as RequestInit);
    expect(res.status).toBe(204);
    const edited = await sock.next("edited");
    expect(edited.message.seq).toBe(message.seq);
    expect(edited.message.rev).toBeGreaterThan(message.rev);
    expect(edited.message.attachments[0]?.thumbnailUrl).toMatch(new RegExp(`^/api/media/${attachment.id.replace(".", "\\.")}/thumbnail\\?v=\\w+$`));
    sock.close();
  });
});

describe("per-user action limits", () => {
  it("stops a user creating more than 50 chats an hour, creating nothing more", async () => {
    const alice = await Client.register();
    await Promise.all(Array.from({ length: 50 }, (_, i) => alice.json("POST", "/api/chats", { name: `chat ${i}` }, 201)));
    const res = await alice.request("POST", "/api/chats", { name: "one more" });
    await expectError(res, 429, "rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const { chats } = await alice.json<{ chats: Chat[] }>("GET", "/api/chats");
    expect(chats).toHaveLength(50);
    // Others are not affected.
    await (await Client.register()).json("POST", "/api/chats", { name: "mine" }, 201);
  });

  it("limits searches to 60 a minute per user", async () => {
    const alice = await Client.register();
    for (let i = 0; i < 60; i++) await alice.json("GET", "/api/search?q=x");
    await expectError(await alice.request("GET", "/api/search?q=x"), 429, "rate_limited");
  });
});

describe("configuration", () => {
  it("refuses to sign sessions with a missing or short JWT_SECRET", async () => {
    const { assertSigningKey } = await import("../../worker/auth/tokens.ts");
    expect(() => assertSigningKey({ JWT_SECRET: "" } as Env)).toThrow(/JWT_SECRET/);
    expect(() => assertSigningKey({ JWT_SECRET: "x".repeat(31) } as Env)).toThrow(/JWT_SECRET/);
    expect(() => assertSigningKey({ JWT_SECRET: "x".repeat(32) } as Env)).not.toThrow();
  });
});
