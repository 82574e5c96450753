// The app from the keyboard alone: sign in, open a chat, send, open a message's actions, open
// and close a dialog, with the focus coming back to where it was each time. And motion: with
// prefers-reduced-motion set, nothing animates or transitions.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { api, baseURL, launch, newPage, screenshot, uniqueName } from "./helpers.ts";

/** Presses Tab until the focused element matches `selector` (at most `max` presses). */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector} (focus is on ${at})`);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? "");

describe("keyboard only, and reduced motion", () => {
  let browser: Browser;
  let username: string;
  const password = "typed with keys only";
  let chatId: string;

  before(async () => {
    browser = await launch();
    const { context: a } = await newPage(browser);
    const { context: b } = await newPage(browser);
    username = uniqueName("kim");
    const friend = uniqueName("lee");
    await api(a, "POST", "/api/auth/register", { username, password });
    await api(b, "POST", "/api/auth/register", { username: friend, password });
    ({
      chat: { id: chatId },
    } = await api<{ chat: { id: string } }>(a, "POST", "/api/chats", { name: "Keyboard club" }));
    const { invite } = await api<{ invite: { id: string } }>(a, "POST", `/api/chats/${chatId}/invites`, { username: friend });
    await api(b, "POST", `/api/invites/${invite.id}/accept`);
    await api(b, "POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body: "Welcome, keyboard user" });
    await a.close();
    await b.close();
  });

  after(async () => {
    await browser?.close();
  });

  it("signs in, opens a chat, sends, acts on a message and closes a dialog with keys alone", async () => {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto("/");
    await page.locator("input[name=username]").waitFor();

    await tabTo(page, "input[name=username]");
    await page.keyboard.type(username);
    await page.keyboard.press("Tab");
    assert.match(await focused(page), /name="password"/, "Tab goes from the username to the password");
    await page.keyboard.type(password);
    await page.keyboard.press("Enter");
    await page.locator(".chat-item", { hasText: "Keyboard club" }).waitFor();

    await tabTo(page, ".chat-item");
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ""), /Keyboard club/);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/chats/${chatId}`);
    await page.locator(".bubble[data-seq]", { hasText: "Welcome, keyboard user" }).waitFor();

    await tabTo(page, "textarea[name=message]");
    await page.keyboard.type("Sent without a mouse");
    await page.keyboard.press("Enter");
    const sent = page.locator(".bubble[data-seq]", { hasText: "Sent without a mouse" });
    await sent.waitFor();

    // Back from the text box past Attach to the newest message, then its menu.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.closest(".bubble")?.querySelector(".text")?.textContent), "Sent without a mouse");
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu", { name: "Message actions" });
    await menu.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "menuitem", "the menu takes the focus");
    await screenshot(page, "keyboard-menu");
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement?.closest(".bubble")?.querySelector(".text")?.textContent), "Sent without a mouse", "Esc gives the focus back to the message");

    // A dialog: Invite in the header opens it with the caret inside; Esc closes it and the
    // focus is back on Invite.
    await tabTo(page, "button.head-invite");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Invite by username" });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest("dialog")), true, "the focus moves into the dialog");
    await screenshot(page, "keyboard-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    // The dialog may be hidden a moment before its owner unmounts it: wait for the focus to
    // settle (it fails if it never comes back).
    await page.waitForFunction(() => document.activeElement !== document.body, null, { timeout: 5000 }).catch(() => undefined);
    assert.match(await focused(page), /head-invite/, "the focus returns to the button that opened the dialog");
    await page.context().close();
  });

  it("animates and transitions nothing when the system asks for reduced motion", async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await api(context, "POST", "/api/auth/login", { username, password });
    /** Elements with a running animation or a transition longer than 0 s. */
    const moving = () =>
      page.evaluate(() => {
        const seconds = (list: string) => Math.max(...list.split(",").map((d) => parseFloat(d) * (d.trim().endsWith("ms") ? 0.001 : 1)));
        return Array.from(document.querySelectorAll("*"))
          .filter((el) => {
            const s = getComputedStyle(el);
            return (s.animationName !== "none" && seconds(s.animationDuration) > 0) || seconds(s.transitionDuration) > 0;
          })
          .map((el) => el.className.toString());
      });
    // Without the preference the app does move (the message actions fade in), so the check
    // below can tell the difference.
    await page.goto(`/chats/${chatId}`);
    await page.locator(".bubble[data-seq]", { hasText: "Welcome, keyboard user" }).waitFor();
    assert.notDeepEqual(await moving(), [], "something moves by default");

    await page.emulateMedia({ reducedMotion: "reduce" });
    // A loading chat (skeletons pulse) and a found message (it flashes), under the preference.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/api\/chats\/[^/]+\/messages/, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.reload();
      await page.locator(".skeleton").first().waitFor();
      assert.deepEqual(await moving(), [], "nothing moves while loading");
    } finally {
      release();
      await page.unrouteAll({ behavior: "wait" });
    }
    await page.locator(".bubble[data-seq]", { hasText: "Welcome, keyboard user" }).waitFor();
    assert.deepEqual(await moving(), [], "nothing moves in the chat");
    await context.close();
  });
});
