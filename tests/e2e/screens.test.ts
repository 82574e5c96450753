// Every screen of the app, in the light and dark themes, on a 1280x800 desktop and a 360x740
// phone: axe-core finds no serious or critical problem (no rule disabled, no element
// excluded), and a screenshot of each lands in test-results/screenshots/screens-*.png.
//
// One browser; one signed-in and one signed-out context per size, seeded once over the API.
// A screen is opened once per size and checked in both themes by switching the emulated colour
// scheme (cheaper than opening it again). A new screen is one entry in `screens`; the last test
// fails if any screen x theme x size was not checked.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { api, axeProblems, launch, newPage, screenshot } from "./helpers.ts";
import { outline, screens, seed, sizes, smallTargets, themes, type Seed, type Size } from "./screens.ts";

describe("every screen, both themes, desktop and phone", () => {
  let browser: Browser;
  let data: Seed;
  let password: string;
  /** Checked combinations, "screen/theme/size". */
  const checked = new Set<string>();
  const pages = new Map<string, Page>();

  before(async () => {
    browser = await launch();
    ({ seed: data, password } = await seed(browser));
    for (const size of Object.keys(sizes) as Size[]) {
      const phone = size === "phone";
      const options = { viewport: sizes[size], isMobile: phone, hasTouch: phone };
      const signedOut = await newPage(browser, options);
      pages.set(`${size}/out`, signedOut.page);
      const signedIn = await newPage(browser, options);
      await api(signedIn.context, "POST", "/api/auth/login", { username: data.username, password });
      pages.set(`${size}/in`, signedIn.page);
    }
  });

  after(async () => {
    await browser?.close();
  });

  for (const size of Object.keys(sizes) as Size[]) {
    for (const screen of screens) {
      it(`${screen.name}, ${size}: one h1, no serious axe problem in either theme${size === "phone" ? ", 44 px touch targets" : ""}`, async () => {
        const page = pages.get(`${size}/${screen.signedOut ? "out" : "in"}`)!;
        await page.emulateMedia({ colorScheme: "light" });
        await screen.open(page, data);
        const { h1, chatOutsideMain } = await outline(page);
        assert.equal(h1.length, 1, `one h1 on ${screen.name}, ${size}: ${JSON.stringify(h1)}`);
        assert.equal(chatOutsideMain, false, "the chat is the page's main landmark");
        if (size === "phone") {
          assert.equal(await page.evaluate(() => matchMedia("(pointer: coarse)").matches), true, "a touch screen");
          assert.deepEqual(await smallTargets(page), [], `touch targets of at least 44 px on ${screen.name}`);
        }
        for (const theme of themes) {
          await page.emulateMedia({ colorScheme: theme });
          await screenshot(page, `screens-${screen.name}-${size}-${theme}`);
          assert.deepEqual(await axeProblems(page), [], `${screen.name}, ${size}, ${theme}`);
          checked.add(`${screen.name}/${theme}/${size}`);
        }
      });
    }
  }

  it("never lays the day separator or anything else over a message, scrolled anywhere", async () => {
    const page = pages.get("desktop/in")!;
    await page.goto(`/chats/${data.longId}`);
    await page.locator(".bubble[data-seq]", { hasText: "Chapter 40: notes" }).waitFor();
    /** Pairs of rendered children of the history that overlap on screen. */
    const overlaps = () =>
      page.evaluate(() => {
        const view = document.querySelector(".history")!.getBoundingClientRect();
        const boxes = Array.from(document.querySelectorAll(".history-inner > *, .history-inner .bubble"))
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.height > 0 && r.bottom > view.top && r.top < view.bottom);
        const found: string[] = [];
        for (const [i, a] of boxes.entries()) {
          for (const b of boxes.slice(i + 1)) {
            if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
            const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (x > 0.5 && y > 0.5) found.push(`${a.el.className} / ${b.el.className}: ${(a.el.textContent ?? "").slice(0, 20)} | ${(b.el.textContent ?? "").slice(0, 20)}`);
          }
        }
        return found;
      });
    assert.deepEqual(await overlaps(), [], "at the newest messages");
    await page.locator(".history").evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    assert.deepEqual(await overlaps(), [], "half way up");
    // To the very top, loading older pages until the beginning of the chat shows.
    const edge = page.locator(".history-edge", { hasText: "beginning of the chat" });
    for (let i = 0; i < 10 && !(await edge.count()); i++) {
      await page.locator(".history").evaluate((el) => el.scrollTo({ top: 0 }));
      await page.waitForTimeout(0);
    }
    await edge.waitFor();
    await page.locator(".history").evaluate((el) => el.scrollTo({ top: 0 }));
    const first = page.locator(".bubble[data-seq]", { hasText: "Chapter 1: notes" });
    const [day, bubble] = await Promise.all([page.locator(".day").first().boundingBox(), first.boundingBox()]);
    assert.ok(day && bubble && day.y + day.height <= bubble.y, "the first message starts below the day separator");
    assert.deepEqual(await overlaps(), [], "at the top");
    await screenshot(page, "screens-history-top-desktop-light");
  });

  it("shows the shape of the chat list and the history while they load, not a Loading… line", async () => {
    const page = pages.get("phone/in")!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/api\/chats\/[^/]+\/messages/, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(`/chats/${data.chatId}`);
      // The splash and the chat list's skeleton come first; the history's, with the chat.
      // Waiting for it fails the test if it never shows.
      await page.locator(".skeleton-bubble").first().waitFor();
      assert.ok((await page.getByRole("status", { name: "Loading…" }).count()) > 0, "named for screen readers");
      assert.equal(await page.getByText("Loading…").count(), 0, "no loading text on screen");
      await screenshot(page, "screens-chat-loading-phone-light");
      assert.deepEqual(await axeProblems(page), [], "the loading chat");
    } finally {
      release();
      await page.unrouteAll({ behavior: "wait" });
    }
    await page.locator(".bubble[data-seq]", { hasText: "the station at 9" }).waitFor();
    assert.equal(await page.locator(".skeleton").count(), 0, "the placeholders are gone");
  });

  it("checked every screen in every theme and size", () => {
    const all = screens.flatMap((s) => themes.flatMap((t) => (Object.keys(sizes) as Size[]).map((z) => `${s.name}/${t}/${z}`)));
    assert.deepEqual(all.filter((k) => !checked.has(k)), []);
  });
});
