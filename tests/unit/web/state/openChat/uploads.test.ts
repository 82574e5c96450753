// The upload strip: files are probed and uploaded two at a time with progress, a message waits
// until every upload is done and then goes once, failures wait for Retry (a 429 retries by
// itself), and a removed file leaves nothing on the server.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Attachment } from "#protocol";
import { ApiError } from "../../../../../web/api/errors.ts";
import type { UploadAbout } from "../../../../../web/api/media.ts";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { Uploads, type UploadsModel } from "../../../../../web/state/openChat/uploads.ts";
import { deferred, fakeWorld, settle, type World } from "../../fakes.ts";

interface Pending {
  file: Blob;
  about: UploadAbout;
  progress: (sent: number) => void;
  aborted: boolean;
  finish: (a: Attachment) => void;
  fail: (e: unknown) => void;
}

let world: World;
let uploads: UploadsModel;
let pending: Pending[];
let thumbnails: string[];
let delivered: [string, string[]][];
let detached: [string, string[]][];

const attachmentOf = (id: string, kind: Attachment["kind"] = "image"): Attachment => ({
  id,
  kind,
  contentType: kind === "file" ? "application/octet-stream" : "image/png",
  size: 10,
  name: id,
  width: null,
  height: null,
  durationMs: null,
  url: `/api/media/${id}`,
  thumbnailUrl: null,
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const file = (name: string, size = 10, type = "image/png") => new File([new Uint8Array(size)], name, { type });
const phases = () => uploads.items.value.map((it) => [it.name, it.phase]);

beforeEach(() => {
  world = fakeWorld();
  pending = [];
  thumbnails = [];
  delivered = [];
  detached = [];
  world.api.media.upload.mockImplementation((_chatId, f, about, progress) => {
    const d = deferred<Attachment>();
    const p: Pending = { file: f, about, progress, aborted: false, finish: d.resolve, fail: d.reject };
    pending.push(p);
    return {
      done: d.promise,
      abort: () => {
        p.aborted = true;
        d.reject(new ApiError("network", 0, "aborted"));
      },
    };
  });
  world.api.media.thumbnail.mockImplementation((id) => {
    thumbnails.push(id);
    return { done: Promise.resolve(), abort: () => {} };
  });
  world.io.files.probe = async (f, kind) => (kind === "image" ? { width: 800, height: 600, thumbnail: new Blob([`thumb of ${(f as File).name}`]) } : { thumbnail: null });
  uploads = new Uploads("c1", world.io.api, world.io.files, (caption, atts) => detached.push([caption, atts.map((a) => a.id)]));
  uploads.attach((caption, atts) => delivered.push([caption, atts.map((a) => a.id)]));
});

afterEach(() => {
  dispose(uploads);
  vi.useRealTimers();
});

describe("uploading", () => {
  it("probes each picture, uploads two at a time in order with progress, then sets the thumbnail", async () => {
    uploads.add([file("a.png"), file("b.png"), file("c.png")]);
    expect(phases()).toEqual([["a.png", "preparing"], ["b.png", "preparing"], ["c.png", "preparing"]]);
    await settle();
    expect(phases()).toEqual([["a.png", "uploading"], ["b.png", "uploading"], ["c.png", "waiting"]]);
    expect(pending.map((p) => p.about)).toEqual([
      { key: expect.stringMatching(uuid), name: "a.png", width: 800, height: 600, durationMs: undefined },
      { key: expect.stringMatching(uuid), name: "b.png", width: 800, height: 600, durationMs: undefined },
    ]);
    expect(pending[0]!.about.key).not.toBe(pending[1]!.about.key);
    expect(uploads.items.value[0]!.preview).toBe("blob:fake");

    pending[0]!.progress(4);
    expect(uploads.items.value[0]!.sent).toBe(4);
    pending[0]!.finish(attachmentOf("m1"));
    await settle();
    expect(thumbnails).toEqual(["m1"]);
    expect(phases()).toEqual([["a.png", "done"], ["b.png", "uploading"], ["c.png", "uploading"]]);
  });

  it("sends other files as they are, without a probe or a preview", async () => {
    uploads.add([file("c.pdf", 10, "application/pdf")]);
    await settle();
    expect(pending.map((p) => p.about)).toEqual([{ key: expect.stringMatching(uuid), name: "c.pdf", width: undefined, height: undefined, durationMs: undefined }]);
    expect(uploads.items.value[0]).toMatchObject({ kind: "file", preview: null, phase: "uploading" });
    pending[0]!.finish(attachmentOf("m1", "file"));
    await settle();
    expect(thumbnails).toEqual([]);
    expect(phases()).toEqual([["c.pdf", "done"]]);
  });

  it("keeps at most ten files and says how many were left out", async () => {
    uploads.add(Array.from({ length: 12 }, (_, i) => file(`${i}.png`)));
    expect(uploads.count.value).toBe(10);
    expect(uploads.leftOut.value).toBe(2);
    uploads.add([file("more.png")]);
    expect(uploads.count.value).toBe(10);
    expect(uploads.leftOut.value).toBe(1);
  });

  it("refuses an empty file at once, without uploading it and without a retry", async () => {
    uploads.add([file("empty.txt", 0, "text/plain")]);
    await settle();
    expect(phases()).toEqual([["empty.txt", "failed"]]);
    expect(uploads.items.value[0]!.error).toEqual({ code: "empty" });
    uploads.retry(uploads.items.value[0]!.key);
    await settle();
    expect(pending).toEqual([]);
  });

  it("shows why an upload failed (a 413 with its limit) and tries again on Retry", async () => {
    uploads.add([file("big.zip", 10, "application/zip")]);
    await settle();
    pending[0]!.fail(new ApiError("too_large", 413, "The limit for files is 52428800 bytes.", null, { limit: 52428800 }));
    await settle();
    const [it0] = uploads.items.value;
    expect(it0!.phase).toBe("failed");
    expect(it0!.error).toEqual({ code: "too_large", limit: 52428800 });
    uploads.retry(it0!.key);
    await settle();
    expect(pending).toHaveLength(2);
    expect(pending[1]!.about.key, "a new key for a new attempt").not.toBe(pending[0]!.about.key);
    expect(phases()).toEqual([["big.zip", "uploading"]]);
  });

  it("waits out a 429 by itself and then uploads again", async () => {
    vi.useFakeTimers();
    uploads.add([file("a.png")]);
    await settle();
    pending[0]!.fail(new ApiError("rate_limited", 429, "Too many uploads.", 3));
    await settle();
    expect(phases()).toEqual([["a.png", "waiting"]]);
    await vi.advanceTimersByTimeAsync(2900);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(pending).toHaveLength(2);
    expect(phases()).toEqual([["a.png", "uploading"]]);
  });
});

describe("sending", () => {
  it("waits until every upload is done, then sends the caption with all attachments once, in order", async () => {
    uploads.add([file("a.png"), file("b.png")]);
    await settle();
    expect(uploads.send("  look  ")).toBe(true);
    expect(uploads.queued.value).toBe("look");
    pending[1]!.finish(attachmentOf("m2"));
    await settle();
    expect(delivered).toEqual([]);
    pending[0]!.finish(attachmentOf("m1"));
    await settle();
    expect(delivered).toEqual([["look", ["m1", "m2"]]]);
    expect(uploads.items.value).toEqual([]);
    expect(uploads.queued.value).toBeNull();
  });

  it("sends at once when everything is already uploaded, and says false with no files", async () => {
    expect(uploads.send("text")).toBe(false);
    uploads.add([file("a.png")]);
    await settle();
    pending[0]!.finish(attachmentOf("m1"));
    await settle();
    expect(delivered).toEqual([]);
    uploads.send("");
    expect(delivered).toEqual([["", ["m1"]]]);
  });

  it("holds a message while an upload has failed, and sends it once that file is removed", async () => {
    uploads.add([file("a.png"), file("b.png")]);
    await settle();
    pending[0]!.finish(attachmentOf("m1"));
    pending[1]!.fail(new ApiError("unsupported_media_type", 415, "no"));
    await settle();
    uploads.send("two");
    expect(delivered).toEqual([]);
    uploads.remove(uploads.items.value[1]!.key);
    await settle();
    expect(delivered).toEqual([["two", ["m1"]]]);
  });

  it("still sends what was typed if every file is removed after Send, and nothing if it was empty", async () => {
    uploads.add([file("a.png")]);
    await settle();
    uploads.send("just text");
    uploads.remove(uploads.items.value[0]!.key);
    expect(delivered).toEqual([["just text", []]]);
    uploads.add([file("b.png")]);
    await settle();
    uploads.send("");
    uploads.remove(uploads.items.value[0]!.key);
    expect(delivered).toHaveLength(1);
  });

  it("delivers through the closed-chat path while no open chat is attached", async () => {
    uploads.detach();
    uploads.add([file("a.png")]);
    await settle();
    uploads.send("later");
    pending[0]!.finish(attachmentOf("m1"));
    await settle();
    expect(delivered).toEqual([]);
    expect(detached).toEqual([["later", ["m1"]]]);
  });
});

describe("removing", () => {
  it("aborts an upload still on its way, and cancels it by its key in case every byte had left", async () => {
    uploads.add([file("a.png", 1000)]);
    await settle();
    pending[0]!.progress(400);
    uploads.remove(uploads.items.value[0]!.key);
    await settle();
    expect(pending[0]!.aborted).toBe(true);
    expect(world.api.media.cancel).toHaveBeenCalledWith("c1", pending[0]!.about.key);
    expect(world.api.media.discard).not.toHaveBeenCalled();
    expect(uploads.items.value).toEqual([]);
  });

  it("takes back an upload already stored, by its id", async () => {
    uploads.add([file("a.png")]);
    await settle();
    pending[0]!.finish(attachmentOf("m1"));
    await settle();
    uploads.remove(uploads.items.value[0]!.key);
    expect(world.api.media.discard).toHaveBeenCalledWith("m1");
    expect(world.api.media.cancel).not.toHaveBeenCalled();
  });

  it("takes back an upload whose answer was already on its way when it was removed", async () => {
    uploads.add([file("a.png", 1000)]);
    await settle();
    pending[0]!.finish(attachmentOf("m1"));
    uploads.remove(uploads.items.value[0]!.key);
    await settle();
    expect(world.api.media.discard).toHaveBeenCalledWith("m1");
    expect(thumbnails).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it("starts the next waiting file when one is removed", async () => {
    uploads.add([file("a.png"), file("b.png"), file("c.png")]);
    await settle();
    uploads.remove(uploads.items.value[0]!.key);
    await settle();
    expect(phases()).toEqual([["b.png", "uploading"], ["c.png", "uploading"]]);
  });

  it("cancels everything when the strip ends (sign-out, the chat gone): aborted or taken back", async () => {
    uploads.add([file("a.png"), file("b.png", 1000)]);
    await settle();
    pending[0]!.finish(attachmentOf("m1"));
    await settle();
    dispose(uploads);
    expect(pending[1]!.aborted).toBe(true);
    expect(world.api.media.cancel).toHaveBeenCalledWith("c1", pending[1]!.about.key);
    expect(world.api.media.discard).toHaveBeenCalledWith("m1");
    expect(uploads.items.value).toEqual([]);
  });
});
