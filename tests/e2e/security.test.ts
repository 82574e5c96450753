// Security settings in a real browser: the signed-in devices with readable names, the current
// one marked; ending one session signs that browser out at once, so does "End all other
// sessions"; a password change checks the current password and the repeat, then signs every
// other device out while this one stays in.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { axeProblems, baseURL, cspViolations, launch, newPage, screenshot, signUp, type Person } from "./helpers.ts";

const signInHeading = (page: Page) => page.getByRole("heading", { name: "Sign in to qmessenger" });

describe("security settings", () => {
  let browser: Browser;
  let sid: Person;

  /** Another browser where Sid signs in, showing the chat list; `agent` is its User-Agent. */
  async function otherDevice(agent: string, password = sid.password): Promise<Page> {
    const { page } = await newPage(browser, { userAgent: agent });
    await page.goto("/");
    await page.locator("input[name=username]").fill(sid.username);
    await page.locator("input[name=password]").fill(password);
    await page.locator("form button[type=submit]").click();
    await page.locator(".sidebar .me").waitFor();
    return page;
  }

  const firefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
  const safariOnIphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

  before(async () => {
    browser = await launch();
    sid = await signUp(browser, "sid");
  });

  after(async () => {
    await browser?.close();
  });

  it("lists the signed-in devices by name, this one marked, and ends one: that browser is signed out at once", async () => {
    const firefox = await otherDevice(firefoxOnWindows);
    const iphone = await otherDevice(safariOnIphone);
    await sid.page.getByRole("button", { name: /^Settings/ }).click();
    const devices = sid.page.locator(".session-list .session");
    await sid.page.waitForFunction(() => document.querySelectorAll(".session-list .session").length === 3);
    assert.match(await devices.nth(0).innerText(), /Chrome on Linux · this device/);
    await devices.filter({ hasText: "Firefox on Windows" }).waitFor();
    await devices.filter({ hasText: "Safari on iOS" }).waitFor();
    assert.equal(await devices.nth(0).getByRole("button").count(), 0, "this device is ended by signing out, not here");
    await screenshot(sid.page, "security-sessions");

    await devices.filter({ hasText: "Firefox on Windows" }).getByRole("button", { name: /^End session/ }).click();
    await signInHeading(firefox).waitFor();
    await sid.page.waitForFunction(() => document.querySelectorAll(".session-list .session").length === 2);
    await devices.filter({ hasText: "Safari on iOS" }).waitFor();
    assert.equal(await signInHeading(iphone).count(), 0, "only the ended one is signed out");

    await sid.page.getByRole("button", { name: "End all other sessions" }).click();
    await signInHeading(iphone).waitFor();
    await sid.page.waitForFunction(() => document.querySelectorAll(".session-list .session").length === 1);
    await sid.page.locator(".sidebar .me").waitFor();
  });

  it("changes the password after checking the current one and the repeat; the other device is signed out, this one stays", async () => {
    const other = await otherDevice(firefoxOnWindows);
    const form = sid.page.locator("form", { has: sid.page.getByLabel("Current password") });
    const current = sid.page.getByLabel("Current password");
    const next = sid.page.getByLabel("New password", { exact: true });
    const repeat = sid.page.getByLabel("Repeat the new password");
    const status = form.getByRole("status");
    const newPassword = `${sid.password}-renewed`;

    await current.fill("not my password");
    await next.fill(newPassword);
    await repeat.fill(`${newPassword}x`);
    await sid.page.getByRole("button", { name: "Change password" }).click();
    await status.filter({ hasText: "The new passwords do not match" }).waitFor();

    await repeat.fill(newPassword);
    await sid.page.getByRole("button", { name: "Change password" }).click();
    await status.filter({ hasText: "The current password is wrong" }).waitFor();
    assert.equal(await signInHeading(other).count(), 0, "a refused change signs nobody out");

    await current.fill(sid.password);
    await sid.page.getByRole("button", { name: "Change password" }).click();
    await status.filter({ hasText: "Password changed" }).waitFor();
    await signInHeading(other).waitFor();
    assert.equal(await current.inputValue(), "", "the form empties itself");
    await sid.page.locator(".sidebar .me").waitFor();

    // The new password is the one that works now.
    const { context } = await newPage(browser);
    assert.equal((await context.request.post("/api/auth/login", { data: { username: sid.username, password: sid.password }, headers: { origin: baseURL } })).status(), 401);
    assert.equal((await context.request.post("/api/auth/login", { data: { username: sid.username, password: newPassword }, headers: { origin: baseURL } })).status(), 200);
    sid.password = newPassword;
  });

  it("has no serious accessibility problem, light or dark, desktop or phone", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      await sid.page.emulateMedia({ colorScheme });
      for (const viewport of [{ width: 1200, height: 760 }, { width: 360, height: 740 }]) {
        await sid.page.setViewportSize(viewport);
        await sid.page.locator("#settings-security").scrollIntoViewIfNeeded();
        assert.deepEqual(await axeProblems(sid.page), [], `${colorScheme} ${viewport.width}px`);
        await screenshot(sid.page, `security-${colorScheme}-${viewport.width}`);
      }
    }
    await sid.page.emulateMedia({ colorScheme: null });
    await sid.page.setViewportSize({ width: 1200, height: 760 });
  });

  it("ran without a CSP violation", () => {
    assert.deepEqual(cspViolations, []);
  });
});
