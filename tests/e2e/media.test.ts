// Sending pictures, videos and files, two people in two browsers: Alice attaches (button,
// paste), Bob sees them arrive live with thumbnails, steps through them in the viewer from the
// keyboard, plays a video and downloads a PDF. Uploads show their progress, can be cancelled
// leaving nothing on the server, and say why they failed with a way to retry.
//
// Every file is made here: pictures on a canvas, the video by MediaRecorder over a canvas
// (WebM, which Debian's Chromium both records and plays), the PDF as text.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseURL, bubbles, contractWarnings, createChat, cspViolations, launch, screenshot, signUp, switchLanguage, type Person } from "./helpers.ts";

type Attachment = { id: string; kind: string; name: string; width: number | null; height: number | null; durationMs: number | null; thumbnailUrl: string | null };
type Sent = { body: string; attachments: Attachment[] };

/** A PNG drawn in the page: a gradient with a label, `width` x `height`. */
async function picture(page: Page, width: number, height: number, label: string): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ({ width, height, label }) => {
      const c = document.createElement("canvas");
      c.width = width;
      c.height = height;
      const g = c.getContext("2d")!;
      const grad = g.createLinearGradient(0, 0, width, height);
      grad.addColorStop(0, "#3390ec");
      grad.addColorStop(1, "#e3a000");
      g.fillStyle = grad;
      g.fillRect(0, 0, width, height);
      g.fillStyle = "#fff";
      g.font = `bold ${Math.round(height / 5)}px sans-serif`;
      g.fillText(label, width / 10, height / 2);
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), "image/png"));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = "";
      for (const x of bytes) s += String.fromCharCode(x);
      return btoa(s);
    },
    { width, height, label },
  );
  return Buffer.from(b64, "base64");
}

/** A WebM of about 1.5 s recorded from a canvas in the page. */
async function video(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement("canvas");
    c.width = 320;
    c.height = 240;
    const g = c.getContext("2d")!;
    const rec = new MediaRecorder(c.captureStream(25), { mimeType: "video/webm;codecs=vp8" });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((r) => (rec.onstop = r));
    rec.start(100);
    const started = performance.now();
    await new Promise<void>((done) => {
      const frame = () => {
        const t = (performance.now() - started) / 1500;
        g.fillStyle = `hsl(${Math.round(t * 360)} 70% 50%)`;
        g.fillRect(0, 0, 320, 240);
        g.fillStyle = "#fff";
        g.fillRect(20 + t * 260, 100, 40, 40);
        if (t < 1) requestAnimationFrame(frame);
        else done();
      };
      frame();
    });
    rec.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks, { type: "video/webm" }).arrayBuffer());
    let s = "";
    for (const x of bytes) s += String.fromCharCode(x);
    return btoa(s);
  });
  return Buffer.from(b64, "base64");
}

/** A one-page PDF with a line of text, offsets computed so readers accept it. */
function pdf(text: string): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${`BT /F1 18 Tf 20 70 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 20 70 Td (${text}) Tj ET\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** Picks files through the Attach button and the system's file chooser, as a person does. */
async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach" }).click();
  await (await chooser).setFiles(files);
}

/** Puts files made inside the page into the file input (for sizes not worth sending over CDP). */
async function attachMadeInPage(page: Page, name: string, bytes: number, type: string): Promise<void> {
  await page.evaluate(
    ({ name, bytes, type }) => {
      const input = document.querySelector<HTMLInputElement>("input[type=file][name=attach]")!;
      const dt = new DataTransfer();
      const data = new Uint8Array(bytes);
      for (let i = 0; i < bytes; i += 4096) data[i] = (i / 4096) & 0xff;
      dt.items.add(new File([data], name, { type }));
      input.files = dt.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    { name, bytes, type },
  );
}

function strip(page: Page) {
  return page.getByRole("region", { name: "Files to send" });
}

function upload(page: Page, name: string) {
  return strip(page).locator(".upload", { hasText: name });
}

async function history(context: BrowserContext, chatId: string): Promise<Sent[]> {
  const res = await context.request.get(`/api/chats/${encodeURIComponent(chatId)}/messages?limit=100`);
  return ((await res.json()) as { messages: Sent[] }).messages;
}

async function unsent(context: BrowserContext, chatId: string): Promise<Attachment[]> {
  const res = await context.request.get(`/api/chats/${encodeURIComponent(chatId)}/uploads`);
  assert.equal(res.status(), 200);
  return ((await res.json()) as { attachments: Attachment[] }).attachments;
}

/** Polls `check` until it holds (the server finishing an upload, a request arriving). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks `button` (a file's Remove or Cancel) and waits for the request that takes the upload
 * back: DELETE /api/media/:id for a stored one, DELETE .../uploads/:key for one on its way. */
async function takeBack(page: Page, button: ReturnType<Page["getByRole"]>, how: "id" | "key"): Promise<void> {
  const pattern = how === "id" ? /\/api\/media\/[^/]+$/ : /\/api\/chats\/[^/]+\/uploads\/[^/]+$/;
  const answered = page.waitForResponse((r) => r.request().method() === "DELETE" && pattern.test(new URL(r.url()).pathname));
  await button.click();
  assert.equal((await answered).status(), 204);
}

async function sendCaption(page: Page, caption: string): Promise<void> {
  const box = page.locator("textarea[name=message]");
  await box.fill(caption);
  await box.press("Enter");
}

describe("sending media and files", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let chatId: string;

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, "alice", { viewport: { width: 1280, height: 800 } });
    bob = await signUp(browser, "bob", { viewport: { width: 1280, height: 800 } });
    chatId = await createChat(alice.page, `Media ${Date.now().toString(36).slice(-4)}`);
    const invited = await alice.context.request.post(`/api/chats/${chatId}/invites`, { data: { username: bob.username }, headers: { origin: baseURL } });
    const { invite } = (await invited.json()) as { invite: { id: string } };
    const accepted = await bob.context.request.post(`/api/invites/${invite.id}/accept`, { headers: { origin: baseURL } });
    assert.equal(accepted.status(), 200);
    await bob.page.goto(`/chats/${chatId}`);
    await bob.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  it("sends a picture picked with Attach, which arrives live with its thumbnail and shape", async () => {
    const png = await picture(alice.page, 1200, 800, "one");
    await attach(alice.page, [{ name: "landscape.png", mimeType: "image/png", buffer: png }]);
    const item = upload(alice.page, "landscape.png");
    await item.locator(".upload-thumb img").waitFor();
    await item.getByText("Uploaded").waitFor();
    await screenshot(alice.page, "media-strip-desktop");
    await sendCaption(alice.page, "A landscape");

    await bubbles(bob.page, "A landscape").waitFor();
    const photo = bob.page.getByRole("button", { name: "Open photo landscape.png" });
    await photo.waitFor();
    const img = photo.locator("img");
    await eventually(async () => (await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)) === true, "the thumbnail loads");
    assert.match((await img.getAttribute("src")) ?? "", /\/api\/media\/[^/]+\/thumbnail\?v=\w+$/);
    const box = (await photo.boundingBox())!;
    assert.ok(Math.abs(box.width / box.height - 1.5) < 0.02, `the tile keeps the 3:2 shape (${box.width}x${box.height})`);
    const [sent] = (await history(bob.context, chatId)).filter((m) => m.body === "A landscape");
    assert.deepEqual(
      sent!.attachments.map((a) => [a.kind, a.width, a.height, a.thumbnailUrl !== null]),
      [["image", 1200, 800, true]],
    );
    assert.equal(await strip(alice.page).count(), 0, "the strip empties once sent");
  });

  it("sends a picture pasted into the composer", async () => {
    const png = await picture(alice.page, 600, 900, "two");
    await alice.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await alice.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ "image/png": new Blob([bytes], { type: "image/png" }) })]);
    }, png.toString("base64"));
    const box = alice.page.locator("textarea[name=message]");
    await box.focus();
    await box.press("ControlOrMeta+V");
    const item = strip(alice.page).locator(".upload");
    await item.locator(".upload-thumb img").waitFor();
    assert.equal(await box.inputValue(), "", "a pasted picture goes to the strip, not into the text");
    await item.getByText("Uploaded").waitFor();
    await sendCaption(alice.page, "A pasted portrait");

    await bubbles(bob.page, "A pasted portrait").waitFor();
    const photo = bob.page.locator(".bubble", { hasText: "A pasted portrait" }).getByRole("button", { name: /^Open photo / });
    const img = photo.locator("img");
    await eventually(async () => (await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)) === true, "the thumbnail loads");
    assert.match((await img.getAttribute("src")) ?? "", /\/thumbnail\?v=\w+$/);
    const b = (await photo.boundingBox())!;
    assert.ok(Math.abs(b.width / b.height - 2 / 3) < 0.02, `the tile keeps the 2:3 shape (${b.width}x${b.height})`);
  });

  it("takes files dropped onto the chat, showing where they will go while they are dragged", async () => {
    const png = await picture(alice.page, 400, 400, "drop");
    const drag = (type: string) =>
      alice.page.evaluate(
        ({ type, b64 }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], "dropped.png", { type: "image/png" }));
          document.querySelector(".history")!.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        },
        { type, b64: png.toString("base64") },
      );
    await drag("dragenter");
    await drag("dragover");
    await alice.page.getByText("Drop files here to send them").waitFor();
    await screenshot(alice.page, "media-drop-desktop");
    await drag("drop");
    await alice.page.getByText("Drop files here to send them").waitFor({ state: "detached" });
    await upload(alice.page, "dropped.png").getByText("Uploaded").waitFor();
    await takeBack(alice.page, upload(alice.page, "dropped.png").getByRole("button", { name: "Remove dropped.png" }), "id");
    assert.deepEqual(await unsent(alice.context, chatId), []);
  });

  it("opens the viewer, steps through the chat's pictures with the arrow keys and closes with Esc", async () => {
    const first = bob.page.getByRole("button", { name: "Open photo landscape.png" });
    await first.focus();
    await bob.page.keyboard.press("Enter");
    const viewer = bob.page.getByRole("dialog", { name: "Photo 1 of 2" });
    await viewer.waitFor();
    const shown = viewer.getByRole("img", { name: "landscape.png" });
    await eventually(async () => (await shown.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 1200)) === true, "the full picture loads");
    assert.match((await viewer.getByRole("link", { name: "Download landscape.png" }).getAttribute("href")) ?? "", /^\/api\/media\/[^/]+$/);
    await screenshot(bob.page, "media-viewer-desktop");

    await bob.page.keyboard.press("ArrowRight");
    await bob.page.getByRole("dialog", { name: "Photo 2 of 2" }).waitFor();
    await bob.page.keyboard.press("ArrowRight");
    await bob.page.getByRole("dialog", { name: "Photo 2 of 2" }).waitFor();
    await bob.page.keyboard.press("ArrowLeft");
    await viewer.waitFor();
    await bob.page.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });
    assert.equal(await bob.page.getByRole("dialog").count(), 0);
    assert.equal(await bob.page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Open photo landscape.png", "focus returns to the picture");
    // And with the mouse: the close button, then the backdrop.
    await first.click();
    await viewer.getByRole("button", { name: "Close" }).click();
    await viewer.waitFor({ state: "detached" });
    assert.equal(await bob.page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Open photo landscape.png");
  });

  it("sends a video that plays inline and seeks", async () => {
    const webm = await video(alice.page);
    await attach(alice.page, [{ name: "clip.webm", mimeType: "video/webm", buffer: webm }]);
    const item = upload(alice.page, "clip.webm");
    await item.locator(".upload-thumb img").waitFor();
    await item.getByText("Uploaded").waitFor();
    await sendCaption(alice.page, "A clip");

    await bubbles(bob.page, "A clip").waitFor();
    const player = bob.page.locator(".bubble", { hasText: "A clip" }).locator("video");
    await player.waitFor();
    assert.match((await player.getAttribute("poster")) ?? "", /\/thumbnail\?v=\w+$/);
    const [sent] = (await history(bob.context, chatId)).filter((m) => m.body === "A clip");
    const clip = sent!.attachments[0]!;
    assert.equal(clip.kind, "video");
    assert.deepEqual([clip.width, clip.height], [320, 240]);
    assert.ok(clip.durationMs !== null && clip.durationMs > 800 && clip.durationMs < 5000, `the duration was measured (${clip.durationMs} ms)`);

    // A click on the picture plays it, as with the browser's own controls.
    await player.click();
    await eventually(async () => (await player.evaluate((v: HTMLVideoElement) => v.played.length > 0 && v.played.end(0) > 0.3)) === true, "the video plays");
    await player.evaluate((v: HTMLVideoElement) => v.pause());
    const seeked = await player.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          v.addEventListener("seeked", () => resolve(v.currentTime), { once: true });
          v.currentTime = 0.2;
        }),
    );
    assert.ok(Math.abs(seeked - 0.2) < 0.1, `seeks to 0.2 s (at ${seeked})`);
  });

  it("sends a PDF that arrives as a card whose link downloads it", async () => {
    const doc = pdf("Quarterly report");
    await attach(alice.page, [{ name: "report.pdf", mimeType: "application/pdf", buffer: doc }]);
    await upload(alice.page, "report.pdf").getByText("Uploaded").waitFor();
    await sendCaption(alice.page, "The report");

    await bubbles(bob.page, "The report").waitFor();
    const card = bob.page.getByRole("link", { name: "Download report.pdf" });
    await card.waitFor();
    assert.match(await card.innerText(), /report\.pdf[\s\S]*\d+ bytes/);
    await screenshot(bob.page, "media-cards-desktop");
    const download = bob.page.waitForEvent("download");
    await card.click();
    const file = await download;
    assert.equal(file.suggestedFilename(), "report.pdf");
    assert.deepEqual(await readFile((await file.path())!), doc);
  });

  it("shows an upload's progress on a slow link, and cancelling it leaves nothing on the server", async () => {
    const cdp = await alice.context.newCDPSession(alice.page);
    await cdp.send("Network.enable");
    // About 1 MB/s up: a 3 MB file takes a few seconds.
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    try {
      await attachMadeInPage(alice.page, "archive.zip", 3_000_000, "application/zip");
      const item = upload(alice.page, "archive.zip");
      const bar = item.getByRole("progressbar", { name: "Uploading archive.zip" });
      await eventually(async () => {
        const value = Number(await bar.getAttribute("value"));
        return value > 150_000 && value < 2_400_000;
      }, "the bar shows part of the file sent");
      await screenshot(alice.page, "media-progress-desktop");
      // Cancelled by the key the attempt was sent with: under throttling the browser may have
      // handed every byte to the server already, so aborting alone is not enough.
      await takeBack(alice.page, item.getByRole("button", { name: "Cancel upload of archive.zip" }), "key");
      await item.waitFor({ state: "detached" });
    } finally {
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }
    assert.deepEqual(await unsent(alice.context, chatId), [], "the server keeps nothing of the cancelled upload");

    // One that finished uploading and is then removed is taken back too.
    await attach(alice.page, [{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("some notes\n") }]);
    await upload(alice.page, "notes.txt").getByText("Uploaded").waitFor();
    assert.deepEqual((await unsent(alice.context, chatId)).map((a) => a.name), ["notes.txt"]);
    await takeBack(alice.page, upload(alice.page, "notes.txt").getByRole("button", { name: "Remove notes.txt" }), "id");
    assert.deepEqual(await unsent(alice.context, chatId), []);
    assert.equal(await strip(alice.page).count(), 0);
  });

  it("says why an upload failed, too large, unsupported or offline, with Retry and remove", async () => {
    await attachMadeInPage(alice.page, "huge.zip", 51 * 1024 * 1024, "application/zip");
    const huge = upload(alice.page, "huge.zip");
    await huge.getByRole("alert").filter({ hasText: "Too large: the limit is 52 MB" }).waitFor();
    await huge.getByRole("button", { name: "Retry huge.zip" }).waitFor();

    await attach(alice.page, [{ name: "page.html", mimeType: "text/html", buffer: Buffer.from("<!doctype html><p>hi</p>") }]);
    await upload(alice.page, "page.html").getByRole("alert").filter({ hasText: "This type of file cannot be sent" }).waitFor();

    await alice.context.setOffline(true);
    try {
      await attach(alice.page, [{ name: "later.txt", mimeType: "text/plain", buffer: Buffer.from("for later\n") }]);
      await upload(alice.page, "later.txt").getByRole("alert").filter({ hasText: "Upload failed: no connection" }).waitFor();
      await screenshot(alice.page, "media-errors-desktop");
    } finally {
      await alice.context.setOffline(false);
    }
    await upload(alice.page, "later.txt").getByRole("button", { name: "Retry later.txt" }).click();
    await upload(alice.page, "later.txt").getByText("Uploaded").waitFor();

    for (const name of ["huge.zip", "page.html"]) {
      await upload(alice.page, name).getByRole("button", { name: `Remove ${name}` }).click();
      await upload(alice.page, name).waitFor({ state: "detached" });
    }
    await sendCaption(alice.page, "Sent after the failures");
    await bubbles(bob.page, "Sent after the failures").waitFor();
    await bob.page.getByRole("link", { name: "Download later.txt" }).waitFor();
    const [sent] = (await history(bob.context, chatId)).filter((m) => m.body === "Sent after the failures");
    assert.deepEqual(sent!.attachments.map((a) => a.name), ["later.txt"]);
  });

  it("fits a phone, in the light and dark themes: strip, pictures, cards and viewer", async () => {
    const fits = async (page: Page, what: string) => {
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(over <= 0, `${what}: nothing sticks out sideways (${over} px)`);
    };
    for (const p of [alice.page, bob.page]) await p.setViewportSize({ width: 360, height: 740 });
    await attach(alice.page, [
      { name: "phone-shot.png", mimeType: "image/png", buffer: await picture(alice.page, 800, 1600, "tall") },
      { name: "a rather long name for a spreadsheet of the budget.xlsx", mimeType: "application/vnd.ms-excel", buffer: Buffer.from("PK\u0003\u0004 not really a spreadsheet") },
    ]);
    await upload(alice.page, "phone-shot.png").getByText("Uploaded").waitFor();
    await upload(alice.page, "budget.xlsx").getByText("Uploaded").waitFor();
    for (const scheme of ["light", "dark"] as const) {
      for (const p of [alice.page, bob.page]) await p.emulateMedia({ colorScheme: scheme });
      await fits(alice.page, "the strip");
      await screenshot(alice.page, `media-strip-phone-${scheme}`);
      await bob.page.locator(".bubble", { hasText: "The report" }).scrollIntoViewIfNeeded();
      await fits(bob.page, "the history");
      await screenshot(bob.page, `media-history-phone-${scheme}`);
      const tile = bob.page.getByRole("button", { name: "Open photo landscape.png" });
      await tile.scrollIntoViewIfNeeded();
      const box = (await tile.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 360, "the picture fits the screen");
      assert.ok(Math.abs(box.width / box.height - 1.5) < 0.03, "and keeps its shape on a phone");
      await screenshot(bob.page, `media-pictures-phone-${scheme}`);
      await tile.click();
      const viewer = bob.page.getByRole("dialog", { name: "Photo 1 of 2" });
      await viewer.waitFor();
      const shown = (await viewer.getByRole("img", { name: "landscape.png" }).boundingBox())!;
      assert.ok(shown.width <= 360 && shown.y >= 0 && shown.y + shown.height <= 740, "the viewer shows the whole picture");
      await screenshot(bob.page, `media-viewer-phone-${scheme}`);
      await viewer.getByRole("button", { name: "Close" }).click();
      await viewer.waitFor({ state: "detached" });
    }
    await alice.page.emulateMedia({ colorScheme: "dark" });
    await alice.page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(alice.page, "media-strip-desktop-dark");
    for (const name of ["phone-shot.png", "budget.xlsx"]) await takeBack(alice.page, upload(alice.page, name).getByRole("button", { name: /^Remove / }), "id");
    assert.deepEqual(await unsent(alice.context, chatId), []);
    await bob.page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(bob.page, "media-history-desktop-dark");
  });

  it("names its controls in Russian too", async () => {
    await switchLanguage(bob.page, "ru");
    try {
      await bob.page.getByRole("button", { name: "Прикрепить" }).waitFor();
      await bob.page.getByRole("button", { name: "Открыть фото landscape.png" }).waitFor();
      await bob.page.getByRole("link", { name: "Скачать report.pdf" }).waitFor();
      await bob.page.getByRole("button", { name: "Открыть фото landscape.png" }).click();
      const viewer = bob.page.getByRole("dialog", { name: "Фото 1 из 2" });
      await viewer.getByRole("button", { name: "Следующее фото" }).waitFor();
      await viewer.getByRole("button", { name: "Закрыть" }).click();
      await viewer.waitFor({ state: "detached" });
    } finally {
      await switchLanguage(bob.page, "en");
    }
  });

  it("ran without a CSP violation or an answer outside the contract", () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(contractWarnings, []);
  });
});
