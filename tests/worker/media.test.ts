// Uploads, attachments and avatars (docs/api.md "Media"), with the bytes in the local R2.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Attachment, Message, User } from "#protocol";
import { Client, expectError } from "./client.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(7)]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(100).fill(1)]);
const MP4 = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode("ftypisom"), ...new Array(1000).fill(3)]);
const HTML = new TextEncoder().encode("<html><script>alert(1)</script></html>");
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

async function upload(c: Client, chatId: string, bytes: Uint8Array, query = "?name=photo.png&width=10&height=20", contentType = "image/png") {
  return c.request("POST", `/api/chats/${chatId}/media${query}`, undefined, {
    body: bytes,
    headers: { "content-type": contentType },
  } as RequestInit);
}

async function setup() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Photos");
  await alice.addMember(chat.id, bob);
  return { alice, bob, chat };
}

describe("media", () => {
  it("stores an upload, attaches it to one message, and serves it to members only", async () => {
    const { alice, bob, chat } = await setup();
    const res = await upload(alice, chat.id, PNG);
    expect(res.status).toBe(201);
    const { attachment } = await res.json<{ attachment: Attachment }>();
    expect(attachment).toMatchObject({ kind: "image", contentType: "image/png", size: PNG.byteLength, name: "photo.png", width: 10, height: 20, durationMs: null, thumbnailUrl: null });
    // Unsent: only the uploader sees it.
    await expectError(await bob.request("GET", attachment.url), 404, "not_found");
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "", attachmentIds: [attachment.id] }, 201);
    expect(message.attachments.map((a) => a.id)).toEqual([attachment.id]);
    // Usable in one message only.
    await expectError(
      await alice.request("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "again", attachmentIds: [attachment.id] }),
      400,
      "invalid_request",
    );
    const served = await bob.request("GET", attachment.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    expect(served.headers.get("content-disposition")).toMatch(/^inline; filename="photo.png"/);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    const part = await bob.request("GET", attachment.url, undefined, { headers: { range: "bytes=0-7" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-7/${PNG.byteLength}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(PNG.subarray(0, 8));
    const outsider = await Client.register();
    await expectError(await outsider.request("GET", attachment.url), 404, "not_found");
  });

  it("takes the type from the bytes: HTML and SVG are refused whatever they claim", async () => {
    const { alice, chat } = await setup();
    await expectError(await upload(alice, chat.id, HTML, "?name=x.png", "image/png"), 415, "unsupported_media_type");
    await expectError(await upload(alice, chat.id, SVG, "?name=x.svg", "image/svg+xml"), 415, "unsupported_media_type");
    const video = await upload(alice, chat.id, MP4, "?name=clip.mp4&durationMs=1500", "application/octet-stream");
    expect(video.status).toBe(201);
    expect((await video.json<{ attachment: Attachment }>()).attachment).toMatchObject({ kind: "video", contentType: "video/mp4", durationMs: 1500 });
  });

  it("refuses uploads over the size limit and from non-members", async () => {
    const { alice, chat } = await setup();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG.subarray(0, 8));
    await expectError(await upload(alice, chat.id, big), 413, "too_large");
    const outsider = await Client.register();
    await expectError(await upload(outsider, chat.id, PNG), 404, "not_found");
  });

  it("accepts a JPEG thumbnail from the uploader only, and removes media with its message", async () => {
    const { alice, bob, chat } = await setup();
    const { attachment } = await (await upload(alice, chat.id, MP4, "?name=clip.mp4")).json<{ attachment: Attachment }>();
    const put = (c: Client, bytes: Uint8Array) => c.request("PUT", `/api/media/${attachment.id}/thumbnail`, undefined, { body: bytes } as RequestInit);
    await expectError(await put(alice, PNG), 415, "unsupported_media_type");
    expect((await put(alice, JPEG)).status).toBe(204);
    const { message } = await alice.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "clip", attachmentIds: [attachment.id] }, 201);
    await expectError(await put(bob, JPEG), 403, "forbidden");
    const thumb = await bob.request("GET", `/api/media/${attachment.id}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    const { messages } = await bob.json<{ messages: Message[] }>("GET", `/api/chats/${chat.id}/messages`);
    expect(messages.find((m) => m.seq === message.seq)?.attachments[0]?.thumbnailUrl).toMatch(new RegExp(`^/api/media/${attachment.id.replace(".", "\\.")}/thumbnail\\?v=\\w+$`));
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${message.seq}`, undefined, 204);
    await expectError(await bob.request("GET", attachment.url), 404, "not_found");
  });
});

describe("avatars", () => {
  it("sets, serves and removes a profile picture", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const res = await alice.request("PUT", "/api/me/avatar", undefined, { body: PNG } as RequestInit);
    expect(res.status).toBe(200);
    const { user } = await res.json<{ user: User }>();
    expect(user.avatarUrl).toMatch(new RegExp(`^/api/users/${alice.user.id}/avatar`));
    const img = await bob.request("GET", user.avatarUrl!);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    await expectError(await alice.request("PUT", "/api/me/avatar", undefined, { body: MP4 } as RequestInit), 415, "unsupported_media_type");
    const cleared = await alice.json<{ user: User }>("DELETE", "/api/me/avatar");
    expect(cleared.user.avatarUrl).toBeNull();
    await expectError(await bob.request("GET", `/api/users/${alice.user.id}/avatar`), 404, "not_found");
  });
});

describe("unsent uploads", () => {
  it("are swept with their bytes a day after upload, while sent ones stay", async () => {
    const { alice, chat } = await setup();
    const unsent = (await (await upload(alice, chat.id, PNG)).json<{ attachment: Attachment }>()).attachment;
    const sent = (await (await upload(alice, chat.id, PNG)).json<{ attachment: Attachment }>()).attachment;
    await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "", attachmentIds: [sent.id] }, 201);
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chat.id));
    // Age both uploads by two days, and the sweep with them, as if the alarm came due.
    await runInDurableObject(stub, (_room, state) => {
      state.storage.sql.exec("UPDATE attachments SET created_at = ?", new Date(Date.now() - 2 * 24 * 3600_000).toISOString());
      state.storage.sql.exec("UPDATE jobs SET due_at = ? WHERE name = 'sweep'", Date.now() - 24 * 3600_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await expectError(await alice.request("GET", unsent.url), 404, "not_found");
    expect(await env.MEDIA.head(`chats/${chat.id}/${unsent.id}`)).toBeNull();
    expect((await alice.request("GET", sent.url)).status).toBe(200);
  });
});
