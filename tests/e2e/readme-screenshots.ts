// `npm run screenshots`: the README's pictures of the main screens, light and dark, desktop
// and phone, into docs/screenshots/ (tracked; `npm test` never runs this file, its name does
// not end in .test.ts). The data is the seed of screens.ts; the page's clock is fixed for the
// whole run and the time zone is UTC, so the pictures change only when the app does (the
// messages' own times are the server's, minutes before).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { api, launch, newPage } from "./helpers.ts";
import { screens, seed, sizes, type Seed, type Size } from "./screens.ts";

const out = join(import.meta.dirname, "..", "..", "docs", "screenshots");

/** Which screens the README shows, and in which size and theme. */
const shots: { screen: string; size: Size; theme: "light" | "dark" }[] = [
  { screen: "chat", size: "desktop", theme: "light" },
  { screen: "chat", size: "desktop", theme: "dark" },
  { screen: "chat", size: "phone", theme: "light" },
  { screen: "chat", size: "phone", theme: "dark" },
  { screen: "chat-info", size: "desktop", theme: "light" },
  { screen: "message-menu", size: "desktop", theme: "dark" },
  { screen: "search-results", size: "phone", theme: "light" },
  { screen: "sign-in", size: "phone", theme: "dark" },
  { screen: "settings", size: "desktop", theme: "dark" },
  { screen: "profile-card", size: "phone", theme: "light" },
];

describe("README screenshots", () => {
  let browser: Browser;
  let data: Seed;
  let password: string;
  const clock = new Date();

  before(async () => {
    mkdirSync(out, { recursive: true });
    browser = await launch();
    ({ seed: data, password } = await seed(browser));
  });

  after(async () => {
    await browser?.close();
  });

  for (const shot of shots) {
    it(`${shot.screen}, ${shot.size}, ${shot.theme}`, async () => {
      const screen = screens.find((s) => s.name === shot.screen);
      assert.ok(screen, `no screen named ${shot.screen}`);
      const phone = shot.size === "phone";
      const { context, page } = await newPage(browser, { viewport: sizes[shot.size], isMobile: phone, hasTouch: phone, colorScheme: shot.theme, timezoneId: "UTC" });
      await page.clock.setFixedTime(clock);
      if (!screen.signedOut) await api(context, "POST", "/api/auth/login", { username: data.username, password });
      await screen.open(page, data);
      await page.screenshot({ path: join(out, `${shot.screen}-${shot.size}-${shot.theme}.png`) });
      await context.close();
    });
  }
});
