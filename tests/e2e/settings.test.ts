// The settings screen (/settings): reached from one's own name in the sidebar, an address of
// its own (reload and Back work), a way back to the chats, full screen on a phone, and no
// serious accessibility finding in either theme at either size.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { axeProblems, cspViolations, launch, screenshot, signUp, type Person } from "./helpers.ts";

describe("the settings screen", () => {
  let browser: Browser;
  let sam: Person;

  before(async () => {
    browser = await launch();
    sam = await signUp(browser, "sam");
  });

  after(async () => {
    await browser?.close();
  });

  it("opens from one's own name in the sidebar, at its own address, and survives a reload", async () => {
    await sam.page.getByRole("button", { name: /^Settings/ }).click();
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    assert.equal(new URL(sam.page.url()).pathname, "/settings");
    await sam.page.reload();
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await sam.page.getByRole("heading", { level: 2, name: "Appearance and language" }).waitFor();
  });

  it("goes back to the chats by its own Back, and by the browser's", async () => {
    await sam.page.getByRole("link", { name: "Back to chats" }).click();
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor({ state: "detached" });
    assert.equal(new URL(sam.page.url()).pathname, "/");
    await sam.page.goBack();
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await sam.page.goBack();
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor({ state: "detached" });
  });

  it("fills a phone's screen, with the way back in reach", async () => {
    await sam.page.setViewportSize({ width: 360, height: 740 });
    try {
      await sam.page.getByRole("button", { name: /^Settings/ }).click();
      await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
      assert.equal(await sam.page.locator(".sidebar").isVisible(), false, "the chat list gives the screen to the settings");
      const box = await sam.page.locator(".settings").boundingBox();
      assert.ok(box && box.width >= 359, `settings as wide as the phone (got ${box?.width})`);
      await screenshot(sam.page, "settings-phone-light");
      await sam.page.getByRole("link", { name: "Back to chats" }).click();
      await sam.page.locator(".sidebar").waitFor();
    } finally {
      await sam.page.setViewportSize({ width: 1200, height: 760 });
    }
  });

  it("has no serious accessibility problem, light or dark, desktop or phone", async () => {
    await sam.page.getByRole("button", { name: /^Settings/ }).click();
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    for (const colorScheme of ["light", "dark"] as const) {
      await sam.page.emulateMedia({ colorScheme });
      for (const viewport of [{ width: 1200, height: 760 }, { width: 360, height: 740 }]) {
        await sam.page.setViewportSize(viewport);
        assert.deepEqual(await axeProblems(sam.page), [], `${colorScheme} ${viewport.width}px`);
        await screenshot(sam.page, `settings-${colorScheme}-${viewport.width}`);
      }
    }
    await sam.page.emulateMedia({ colorScheme: null });
    await sam.page.setViewportSize({ width: 1200, height: 760 });
  });

  it("ran without a CSP violation", () => {
    assert.deepEqual(cspViolations, []);
  });
});
