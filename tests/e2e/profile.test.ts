// Profile settings seen live by someone else: Ada renames herself and gives herself a picture
// (chosen, cropped square, uploaded); Ben, with their chat open and its member list showing,
// sees both at once in the history, the member list and his chat list, without reloading.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { axeProblems, baseURL, createChat, cspViolations, launch, openInfo, postMessage, screenshot, signUp, type Person } from "./helpers.ts";

/** A PNG drawn in the page, wider than tall, so the crop has something to do. */
async function photo(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement("canvas");
    c.width = 600;
    c.height = 400;
    const g = c.getContext("2d")!;
    g.fillStyle = "#e3a000";
    g.fillRect(0, 0, 600, 400);
    g.fillStyle = "#3390ec";
    g.fillRect(200, 100, 200, 200);
    const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), "image/png"));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = "";
    for (const x of bytes) s += String.fromCharCode(x);
    return btoa(s);
  });
  return Buffer.from(b64, "base64");
}

describe("profile settings", () => {
  let browser: Browser;
  let ada: Person;
  let ben: Person;
  let chatId: string;

  before(async () => {
    browser = await launch();
    ada = await signUp(browser, "ada");
    ben = await signUp(browser, "ben");
    chatId = await createChat(ada.page, "Profiles club");
    const sent = await ada.context.request.post(`/api/chats/${chatId}/invites`, { data: { username: ben.username }, headers: { origin: baseURL } });
    const { invite } = (await sent.json()) as { invite: { id: string } };
    assert.equal((await ben.context.request.post(`/api/invites/${invite.id}/accept`, { headers: { origin: baseURL } })).status(), 200);
    // A direct chat too: Ben's list names it after Ada.
    assert.equal((await ben.context.request.post("/api/direct", { data: { username: ada.username }, headers: { origin: baseURL } })).status(), 201);
    await postMessage(ada.context, chatId, "hello from ada");
    await ben.page.goto(`/chats/${chatId}`);
    await ben.page.locator(".group .sender", { hasText: ada.username }).waitFor();
    await openInfo(ben.page);
  });

  after(async () => {
    await browser?.close();
  });

  it("shows a rename at once in the other person's history, member list and chat list", async () => {
    await ada.page.getByRole("button", { name: /^Settings/ }).click();
    const name = ada.page.getByRole("textbox", { name: "Display name" });
    await name.fill("Ada Lovelace");
    await ada.page.getByRole("textbox", { name: "About you" }).fill("Analytical engines");
    await ada.page.getByRole("button", { name: "Save profile" }).click();
    await ada.page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    // Her own sidebar follows at once.
    await ada.page.locator(".sidebar .me", { hasText: "Ada Lovelace" }).waitFor();

    await ben.page.locator(".group .sender", { hasText: "Ada Lovelace" }).waitFor();
    await ben.page.locator("aside.info .member-name", { hasText: "Ada Lovelace" }).waitFor();
    await ben.page.locator(".chat-item .chat-item-name", { hasText: "Ada Lovelace" }).waitFor();
    assert.equal(await ben.page.locator(".group .sender", { hasText: ada.username }).count(), 0);
    // And it is stored: a reload of Ada's settings shows it.
    await ada.page.reload();
    assert.equal(await ada.page.getByRole("textbox", { name: "Display name" }).inputValue(), "Ada Lovelace");
    assert.equal(await ada.page.getByRole("textbox", { name: "About you" }).inputValue(), "Analytical engines");
  });

  it("crops a chosen picture square, uploads it, and the other person sees it at once; then removes it", async () => {
    const png = await photo(ada.page);
    await ada.page.locator("input[type=file]").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
    await ada.page.getByRole("img", { name: "Preview of your new picture" }).waitFor();
    await ada.page.getByRole("slider", { name: "Zoom" }).fill("2");
    await screenshot(ada.page, "profile-crop");
    await ada.page.getByRole("button", { name: "Use this picture" }).click();
    const mine = ada.page.locator(".sidebar img.avatar");
    await mine.waitFor();

    // What was stored is a square.
    const src = await mine.getAttribute("src");
    assert.ok(src);
    const size = await ada.page.evaluate(async (url) => {
      const b = await createImageBitmap(await (await fetch(url)).blob());
      return [b.width, b.height];
    }, src);
    assert.deepEqual(size, [512, 512]);

    await ben.page.locator(`.group img.avatar[src="${src}"]`).first().waitFor();
    await ben.page.locator(`.chat-item img.avatar[src="${src}"]`).waitFor();
    await screenshot(ben.page, "profile-seen-live");

    await ada.page.getByRole("button", { name: "Remove picture" }).click();
    await mine.waitFor({ state: "detached" });
    await ben.page.locator(`img.avatar[src="${src}"]`).first().waitFor({ state: "detached" });
  });

  it("has no serious accessibility problem with the cropper open, light or dark", async () => {
    const png = await photo(ada.page);
    await ada.page.locator("input[type=file]").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
    await ada.page.getByRole("img", { name: "Preview of your new picture" }).waitFor();
    for (const colorScheme of ["light", "dark"] as const) {
      await ada.page.emulateMedia({ colorScheme });
      for (const viewport of [{ width: 1200, height: 760 }, { width: 360, height: 740 }]) {
        await ada.page.setViewportSize(viewport);
        assert.deepEqual(await axeProblems(ada.page), [], `${colorScheme} ${viewport.width}px`);
        await screenshot(ada.page, `profile-${colorScheme}-${viewport.width}`);
      }
    }
    await ada.page.getByRole("button", { name: "Cancel" }).click();
    await ada.page.emulateMedia({ colorScheme: null });
    await ada.page.setViewportSize({ width: 1200, height: 760 });
  });

  it("ran without a CSP violation", () => {
    assert.deepEqual(cspViolations, []);
  });
});
