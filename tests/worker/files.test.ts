// The "file" kind, active content, taking back an unsent upload, and uploads whose body ends
// early (docs/api.md "Media"), with the bytes in the local R2.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Attachment, Message } from "#protocol";
import { Client, expectError } from "./client.ts";

const text = (s: string) => new TextEncoder().encode(s);
const PDF = text("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(100).fill(7)]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(100).fill(1)]);
const ftyp = (major: string, ...compatible: string[]) =>
  new Uint8Array([0, 0, 0, 16 + 4 * compatible.length, ...text(`ftyp${major}`), 0, 0, 0, 0, ...text(compatible.join("")), ...new Array(200).fill(0)]);

async function setup() {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat("Files");
  await alice.addMember(chat.id, bob);
  return { alice, bob, chat };
}

function upload(c: Client, chatId: string, body: BodyInit, name: string, headers: Record<string, string> = {}) {
  return c.request("POST", `/api/chats/${chatId}/media?name=${encodeURIComponent(name)}`, undefined, { body, headers } as RequestInit);
}

async function uploaded(c: Client, chatId: string, body: Uint8Array, name: string, headers: Record<string, string> = {}) {
  const res = await upload(c, chatId, body, name, headers);
  const raw = await res.text();
  expect(res.status, raw).toBe(201);
  return (JSON.parse(raw) as { attachment: Attachment }).attachment;
}

const send = (c: Client, chatId: string, attachmentIds: string[], body = "") =>
  c.json<{ message: Message }>("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body, attachmentIds }, 201);

/** Every R2 key under a chat's prefix. */
async function objectsOf(chatId: string) {
  const page = await env.MEDIA.list({ prefix: `chats/${chatId}/` });
  return page.objects.map((o) => o.key);
}

/** A body that sends `bytes`, then ends (or breaks) before `declared` bytes, with that Content-Length. */
function cutBody(bytes: Uint8Array, how: "end" | "error") {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      if (how === "end") controller.close();
      else controller.error(new Error("connection reset"));
    },
  });
}

describe("files", () => {
  it("stores a PDF as a file and serves it only as a download of opaque bytes", async () => {
    const { alice, bob, chat } = await setup();
    const attachment = await uploaded(alice, chat.id, PDF, "Отчёт май.pdf", { "content-type": "application/pdf" });
    expect(attachment).toMatchObject({ kind: "file", contentType: "application/octet-stream", size: PDF.byteLength, name: "Отчёт май.pdf", thumbnailUrl: null });
    const { message } = await send(alice, chat.id, [attachment.id], "the report");
    expect(message.attachments).toEqual([attachment]);

    const served = await bob.request("GET", attachment.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/octet-stream");
    expect(served.headers.get("content-disposition")).toBe(`attachment; filename="_____ ___.pdf"; filename*=UTF-8''${encodeURIComponent("Отчёт май.pdf")}`);
    expect(served.headers.get("content-security-policy")).toMatch(/^sandbox/);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PDF);
    const part = await bob.request("GET", attachment.url, undefined, { headers: { range: "bytes=0-4" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("application/octet-stream");
    expect(await part.text()).toBe("%PDF-");
  });

  it("keeps serving images and videos inline with their sniffed type", async () => {
    const { alice, bob, chat } = await setup();
    const photo = await uploaded(alice, chat.id, PNG, "photo.png");
    await send(alice, chat.id, [photo.id]);
    const served = await bob.request("GET", photo.url);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("content-disposition")).toMatch(/^inline; filename="photo.png"/);
  });

  it("types GIF, WebP, WebM, MP4 and AVIF by their bytes, and takes HEIC, Matroska and M4A for files", async () => {
    const { alice, chat } = await setup();
    const cases: [Uint8Array, string, Attachment["kind"], string][] = [
      [new Uint8Array([...text("GIF89a"), 1, 0, 1, 0, ...new Array(60).fill(0)]), "a.gif", "image", "image/gif"],
      [new Uint8Array([...text("RIFF"), 0x24, 0, 0, 0, ...text("WEBPVP8 "), ...new Array(60).fill(0)]), "b.webp", "image", "image/webp"],
      [new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...text("webm"), ...new Array(60).fill(0)]), "c.webm", "video", "video/webm"],
      [ftyp("isom", "isom", "avc1"), "d.mp4", "video", "video/mp4"],
      [ftyp("avif", "avif", "mif1", "miaf"), "e.avif", "image", "image/avif"],
      [ftyp("heic", "mif1", "heic"), "f.heic", "file", "application/octet-stream"],
      [new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, ...text("matroska"), ...new Array(60).fill(0)]), "g.mkv", "file", "application/octet-stream"],
      [ftyp("M4A ", "M4A ", "mp42", "isom"), "h.m4a", "file", "application/octet-stream"],
    ];
    for (const [bytes, name, kind, contentType] of cases) {
      expect(await uploaded(alice, chat.id, bytes, name), name).toMatchObject({ kind, contentType, name });
    }
  });

  it("refuses active content by its bytes, its name or its declared type, storing nothing", async () => {
    const { alice, chat } = await setup();
    const refused: [BodyInit, string, Record<string, string>][] = [
      [text("<!DOCTYPE html><script>alert(1)</script>"), "page.txt", {}],
      [text("\ufeff  <svg xmlns='http://www.w3.org/2000/svg'/>"), "drawing.bin", {}],
      [text("<?xml version='1.0'?><a/>"), "data", {}],
      [text("#!/bin/sh\necho hi\n"), "run", {}],
      [PNG, "photo.html", { "content-type": "image/png" }],
      [PNG, "photo.svg.", {}],
      [PDF, "report.pdf", { "content-type": "text/html" }],
      [PDF, "report.pdf", { "content-type": "image/svg+xml" }],
    ];
    for (const [body, name, headers] of refused) {
      await expectError(await upload(alice, chat.id, body, name, headers), 415, "unsupported_media_type");
    }
    expect(await objectsOf(chat.id)).toEqual([]);
    expect((await alice.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`)).attachments).toEqual([]);
  });

  it("refuses a file over MAX_FILE_BYTES from its Content-Length, saying the limit", async () => {
    const { alice, chat } = await setup();
    const limit = 50 * 1024 * 1024;
    // Declared, not sent: the limit is judged before a byte is read.
    const res = await upload(alice, chat.id, cutBody(PDF, "end"), "huge.zip", { "content-length": String(limit + 1) });
    const body = await expectError(res, 413, "too_large");
    expect(body.error.details).toEqual({ limit });
    expect(await objectsOf(chat.id)).toEqual([]);
  });
});

describe("taking back an unsent upload", () => {
  it("lets the uploader delete it, record, bytes and thumbnail, so it can no longer be sent", async () => {
    const { alice, chat } = await setup();
    const keep = await uploaded(alice, chat.id, PDF, "keep.pdf");
    const drop = await uploaded(alice, chat.id, PNG, "drop.png");
    expect((await alice.request("PUT", `/api/media/${drop.id}/thumbnail`, undefined, { body: JPEG } as RequestInit)).status).toBe(204);
    const listed = await alice.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`);
    expect(listed.attachments.map((a) => a.id)).toEqual([keep.id, drop.id]);
    expect(await objectsOf(chat.id)).toHaveLength(3);

    expect((await alice.request("DELETE", `/api/media/${drop.id}`)).status).toBe(204);
    await expectError(await alice.request("GET", drop.url), 404, "not_found");
    expect((await objectsOf(chat.id)).sort()).toEqual([`chats/${chat.id}/${keep.id}`]);
    expect((await alice.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`)).attachments.map((a) => a.id)).toEqual([keep.id]);
    await expectError(
      await alice.request("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "", attachmentIds: [drop.id] }),
      400,
      "invalid_request",
    );
    await expectError(await alice.request("DELETE", `/api/media/${drop.id}`), 404, "not_found");
  });

  it("is 404 for someone else's upload, a sent one and an unknown one, which all stay", async () => {
    const { alice, bob, chat } = await setup();
    const unsent = await uploaded(alice, chat.id, PDF, "mine.pdf");
    const sent = await uploaded(alice, chat.id, PNG, "sent.png");
    await send(alice, chat.id, [sent.id]);
    await expectError(await bob.request("DELETE", `/api/media/${unsent.id}`), 404, "not_found");
    await expectError(await alice.request("DELETE", `/api/media/${sent.id}`), 404, "not_found");
    await expectError(await bob.request("DELETE", `/api/media/${sent.id}`), 404, "not_found");
    await expectError(await alice.request("DELETE", `/api/media/${chat.id}.nosuchupload`), 404, "not_found");
    await expectError(await alice.request("DELETE", "/api/media/not-an-id"), 400, "invalid_request");
    expect((await alice.request("GET", unsent.url)).status).toBe(200);
    expect((await bob.request("GET", sent.url)).status).toBe(200);
    // Bob sees none of Alice's unsent uploads.
    expect((await bob.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`)).attachments).toEqual([]);
  });

  it("leaves no thumbnail behind when the upload is taken back while its thumbnail arrives", async () => {
    const { alice, chat } = await setup();
    const photo = await uploaded(alice, chat.id, PNG, "photo.png");
    let finish!: () => void;
    const thumbnail = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(JPEG.subarray(0, 64));
        finish = () => {
          controller.enqueue(JPEG.subarray(64));
          controller.close();
        };
      },
    });
    const put = alice.request("PUT", `/api/media/${photo.id}/thumbnail`, undefined, {
      body: thumbnail,
      headers: { "content-length": String(JPEG.byteLength) },
      duplex: "half",
    } as RequestInit);
    // The PUT has found the upload (it counts against the upload limit right after: the photo
    // was the first count, the thumbnail the second); now the upload is taken back.
    await waitFor(async () => (await uploadsCounted(alice)) === 2);
    expect((await alice.request("DELETE", `/api/media/${photo.id}`)).status).toBe(204);
    finish();
    await expectError(await put, 404, "not_found");
    expect(await objectsOf(chat.id)).toEqual([]);
  });
});

describe("cancelling an upload by the key its uploader gave it", () => {
  const withKey = (c: Client, chatId: string, body: BodyInit, key: string, headers: Record<string, string> = {}) =>
    c.request("POST", `/api/chats/${chatId}/media?name=a.pdf&key=${key}`, undefined, { body, headers, duplex: "half" } as RequestInit);
  const cancel = (c: Client, chatId: string, key: string) => c.request("DELETE", `/api/chats/${chatId}/uploads/${key}`);

  it("takes back an upload that has arrived", async () => {
    const { alice, chat } = await setup();
    const key = crypto.randomUUID();
    const res = await withKey(alice, chat.id, PDF, key);
    expect(res.status).toBe(201);
    const { attachment } = await res.json<{ attachment: Attachment }>();
    expect((await cancel(alice, chat.id, key)).status).toBe(204);
    await expectError(await alice.request("GET", attachment.url), 404, "not_found");
    expect(await objectsOf(chat.id)).toEqual([]);
    expect((await alice.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`)).attachments).toEqual([]);
  });

  it("refuses, storing nothing, an upload that arrives after it was cancelled", async () => {
    const { alice, chat } = await setup();
    const key = crypto.randomUUID();
    expect((await cancel(alice, chat.id, key)).status).toBe(204);
    await expectError(await withKey(alice, chat.id, PDF, key), 404, "not_found");
    expect(await objectsOf(chat.id)).toEqual([]);
    expect((await alice.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`)).attachments).toEqual([]);
  });

  it("refuses, storing nothing, an upload cancelled while its bytes were still arriving", async () => {
    const { alice, chat } = await setup();
    const key = crypto.randomUUID();
    let finish!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(PDF.subarray(0, 64));
        finish = () => {
          controller.enqueue(PDF.subarray(64));
          controller.close();
        };
      },
    });
    const arriving = withKey(alice, chat.id, body, key, { "content-length": String(PDF.byteLength) });
    // The upload has been let in (it counts against the limit right before reading the bytes).
    await waitFor(async () => (await uploadsCounted(alice)) === 1);
    expect((await cancel(alice, chat.id, key)).status).toBe(204);
    finish();
    await expectError(await arriving, 404, "not_found");
    expect(await objectsOf(chat.id)).toEqual([]);
    expect((await alice.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`)).attachments).toEqual([]);
  });

  it("touches only the caller's own unsent uploads, and a key names one upload", async () => {
    const { alice, bob, chat } = await setup();
    const key = crypto.randomUUID();
    const { attachment } = await (await withKey(alice, chat.id, PDF, key)).json<{ attachment: Attachment }>();
    expect((await cancel(bob, chat.id, key)).status).toBe(204);
    expect((await alice.request("GET", attachment.url)).status).toBe(200);
    await expectError(await withKey(alice, chat.id, PDF, key), 400, "invalid_request");
    await send(alice, chat.id, [attachment.id]);
    expect((await cancel(alice, chat.id, key)).status).toBe(204);
    expect((await bob.request("GET", attachment.url)).status).toBe(200);
    await expectError(await cancel(alice, chat.id, "not-a-uuid"), 400, "invalid_request");
    const outsider = await Client.register();
    await expectError(await cancel(outsider, chat.id, crypto.randomUUID()), 404, "not_found");
  });
});

describe("an upload whose body ends early", () => {
  for (const how of ["end", "error"] as const) {
    it(`is refused with 400 and leaves nothing in R2 or the room (body that ${how === "end" ? "ends" : "breaks"} early)`, async () => {
      const { alice, chat } = await setup();
      const first = new Uint8Array(4096);
      first.set(PDF);
      const res = await upload(alice, chat.id, cutBody(first, how), "big.pdf", { "content-length": String(1024 * 1024) });
      await expectError(res, 400, "invalid_request");
      expect(await objectsOf(chat.id)).toEqual([]);
      expect((await alice.json<{ attachments: Attachment[] }>("GET", `/api/chats/${chat.id}/uploads`)).attachments).toEqual([]);
      // The chat still takes a whole upload afterwards.
      expect((await uploaded(alice, chat.id, PDF, "whole.pdf")).kind).toBe("file");
    });
  }
});

/** The user's uploads in the current rate-limit windows (services/limits.ts keys them so). */
async function uploadsCounted(c: Client) {
  const row = await env.DB.prepare("SELECT sum(count) AS n FROM rate_windows WHERE key = ?").bind(`uploads:user:${c.user.id}`).first<{ n: number | null }>();
  return row?.n ?? 0;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
