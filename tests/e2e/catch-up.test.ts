// A reader who comes back too far behind (docs/api.md "Chat socket": more than 1,000 changed
// messages) is told `reset` instead of being replayed everything: the app reloads the history
// over HTTP without losing its place. The messages it showed stay where they were, with what
// changed meanwhile, and the new ones are there below.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { api, baseURL, contractWarnings, launch, screenshot, signUp, type Person } from "./helpers.ts";

const BEHIND = 1001;

/** Posts `n` messages as `p`, twenty at a time. */
async function postMany(p: Person, chatId: string, n: number, label: (i: number) => string) {
  for (let i = 0; i < n; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, (_, j) => api(p, "post", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body: label(i + j) })),
    );
  }
}

/** The first message whose top is inside the history's viewport, and where it is on screen. */
function anchor(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector(".history")!.getBoundingClientRect();
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(".history .bubble[data-seq]"))) {
      const top = el.getBoundingClientRect().top;
      if (top >= box.top) return { seq: Number(el.dataset.seq), offset: Math.round(top - box.top), text: el.querySelector(".text")?.textContent ?? "" };
    }
    throw new Error("no message in view");
  });
}

const shownSeqs = (page: Page) => page.locator(".history .bubble[data-seq]").evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seq)));

describe("coming back too far behind", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let chatId: string;
  const frames: string[] = [];

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, "alice");
    bob = await signUp(browser, "bob");
    chatId = (await api(alice, "post", "/api/chats", { name: "Backlog" })).chat.id;
    const { invite } = await api(alice, "post", `/api/chats/${chatId}/invites`, { username: bob.username });
    await api(bob, "post", `/api/invites/${invite.id}/accept`, {});
    await postMany(alice, chatId, 80, (i) => `before ${i}`);
  });

  after(async () => {
    await browser?.close();
  });

  it("reloads after a reset, keeping the messages it showed in place, with their changes and the new ones", async () => {
    const page = bob.page;
    page.on("websocket", (ws) => {
      if (ws.url().includes("/ws")) ws.on("framereceived", ({ payload }) => frames.push(String(payload)));
    });
    await page.goto(`/chats/${chatId}`);
    await page.locator(".history .bubble .text", { hasText: /^before 79$/ }).waitFor();
    await page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    // Bob reads somewhere in the middle of what is loaded, away from both ends.
    await page.locator(".history").evaluate((el) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    });
    await page.waitForFunction(() => {
      const el = document.querySelector(".history")!;
      return Math.abs(el.scrollTop - (el.scrollHeight - el.clientHeight) / 2) < 2;
    });
    const before = await anchor(page);
    const shown = await shownSeqs(page);
    const edited = shown.find((s) => s > before.seq + 2)!;

    await bob.context.setOffline(true);
    try {
      await page.locator(".chat-status", { hasText: "Connecting…" }).waitFor();
      await postMany(alice, chatId, BEHIND, (i) => `while away ${i}`);
      await api(alice, "patch", `/api/chats/${chatId}/messages/${edited}`, { body: "edited while bob was away" });
    } finally {
      await bob.context.setOffline(false);
    }

    // The room would not replay that much: it said reset, and the app reloaded over HTTP.
    await page.locator(`.history .bubble[data-seq="${edited}"] .text`, { hasText: "edited while bob was away" }).waitFor({ timeout: 30_000 });
    await page.locator(".history .bubble .text", { hasText: new RegExp(`^while away ${BEHIND - 1}$`) }).waitFor({ timeout: 30_000 });
    await page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    assert.ok(
      frames.some((f) => JSON.parse(f).type === "reset"),
      "the room sent reset",
    );
    assert.equal(frames.filter((f) => JSON.parse(f).type === "message" && JSON.parse(f).message.body.startsWith("while away")).length, 0, "nothing was replayed");

    // Every message shown before is still there, the gap is filled, and the place is kept.
    const after = await shownSeqs(page);
    for (const seq of shown) assert.ok(after.includes(seq), `message ${seq} is still shown`);
    assert.deepEqual(after, Array.from({ length: after.length }, (_, i) => after[0]! + i), "no gaps in the history");
    const now = await anchor(page);
    assert.equal(now.seq, before.seq, "the same message is at the top of the view");
    assert.ok(Math.abs(now.offset - before.offset) <= 2, `at the same height (${before.offset} -> ${now.offset})`);
    await screenshot(page, "catch-up-reset");
    assert.deepEqual(contractWarnings, []);
  });
});
