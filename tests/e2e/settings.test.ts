// The settings screen (/settings): reached from one's own name in the sidebar, an address of
// its own (reload and Back work), a way back to the chats, full screen on a phone, and no
// serious accessibility finding in either theme at either size.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { axeProblems, cspViolations, launch, newPage, screenshot, signUp, type Person } from "./helpers.ts";

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

  it("remembers the theme and the language after a reload, and applies the theme before the app draws", async () => {
    await sam.page.emulateMedia({ colorScheme: "light" });
    const bg = () => sam.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await sam.page.getByRole("radio", { name: "Dark" }).check();
    await sam.page.waitForFunction((before) => getComputedStyle(document.body).backgroundColor !== before, light);
    const dark = await bg();
    await sam.page.getByRole("combobox", { name: "Language" }).selectOption("ru");
    await sam.page.getByRole("heading", { level: 1, name: "Настройки" }).waitFor();
    assert.equal(await sam.page.evaluate(() => document.documentElement.lang), "ru");

    // On reload the theme is on <html> before the app's first render: the splash is dark too.
    await sam.page.addInitScript(() => {
      new MutationObserver(() => {
        const app = document.getElementById("app");
        if (app && app.childElementCount > 0 && !("firstPaintTheme" in window)) {
          (window as unknown as { firstPaintTheme: string | undefined }).firstPaintTheme = document.documentElement.dataset.theme;
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await sam.page.reload();
    await sam.page.getByRole("heading", { level: 1, name: "Настройки" }).waitFor();
    assert.equal(await sam.page.evaluate(() => (window as unknown as { firstPaintTheme?: string }).firstPaintTheme), "dark");
    assert.equal(await bg(), dark);
    assert.equal(await sam.page.getByRole("radio", { name: "Тёмная" }).isChecked(), true);
    assert.equal(await sam.page.evaluate(() => document.documentElement.lang), "ru");
    assert.deepEqual(await axeProblems(sam.page), [], "dark theme, in Russian");
    await screenshot(sam.page, "settings-dark-chosen-ru");

    // "As on this device" follows the system again.
    await sam.page.getByRole("radio", { name: "Как на устройстве" }).check();
    await sam.page.waitForFunction((before) => getComputedStyle(document.body).backgroundColor === before, light);
    await sam.page.getByRole("combobox", { name: "Язык" }).selectOption("en");
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await sam.page.emulateMedia({ colorScheme: null });
  });

  it("keeps the language switch on the sign-in screen", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Вход в qmessenger" }).waitFor();
    await context.close();
  });

  it("is not part of the first load, and offers Try again when its download fails", async () => {
    const kit = await signUp(browser, "kit");
    const page = kit.page;
    const chunks: string[] = [];
    page.on("request", (r) => {
      if (/\/assets\/SettingsScreen-/.test(r.url())) chunks.push(r.url());
    });
    // The connection drops just for the screen's chunk: what a person sees when it fails.
    const cut = (route: { abort: () => Promise<void> }) => route.abort();
    await page.route(/\/assets\/SettingsScreen-/, cut);
    await page.reload();
    await page.locator(".sidebar .me").waitFor();
    assert.deepEqual(chunks, [], "the chat list loads without the settings screen's code");

    await page.getByRole("button", { name: /^Settings/ }).click();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor();
    assert.equal(await page.getByRole("heading", { level: 2, name: "Profile" }).count(), 0);
    await screenshot(page, "settings-chunk-failed");

    await page.unroute(/\/assets\/SettingsScreen-/, cut);
    await retry.click();
    await page.getByRole("heading", { level: 2, name: "Profile" }).waitFor();
    // And it works: a changed name is saved and shows in the sidebar.
    await page.getByLabel("Display name").fill("Kit Again");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.locator(".sidebar .me", { hasText: "Kit Again" }).waitFor();
    assert.equal(await retry.count(), 0);
    await kit.context.close();
  });

  it("ran without a CSP violation", () => {
    assert.deepEqual(cspViolations, []);
  });
});
