// Desktop notifications, mentions and mute, with two people in two browsers: a notification
// for a message in a chat that is not open (clicking it opens the chat), none in a chat muted
// from the list, but one for a mention there; the composer's "@" suggestions chosen with the
// keyboard. Notifications are observed by wrapping window.Notification in the page.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { api, axeProblems, baseURL, cspViolations, launch, screenshot, signUp, type Person } from "./helpers.ts";

/** Records every Notification the app makes; permission stays the browser's. */
function recordNotifications() {
  const Real = window.Notification;
  const notes: { title: string; body?: string; tag?: string; onclick: (() => void) | null }[] = [];
  (window as unknown as { __notes: typeof notes }).__notes = notes;
  class Recorded {
    title: string;
    body?: string;
    tag?: string;
    onclick: (() => void) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      this.title = title;
      this.body = options.body;
      this.tag = options.tag;
      notes.push(this);
    }
    close() {}
    static get permission() {
      return Real.permission;
    }
    static requestPermission() {
      return Real.requestPermission();
    }
  }
  (window as unknown as { Notification: unknown }).Notification = Recorded;
}

const notes = (page: Page) => page.evaluate(() => (window as unknown as { __notes: { title: string; body?: string; tag?: string }[] }).__notes.map(({ title, body, tag }) => ({ title, body, tag })));

/** Resolves once the page's inbox socket is live: the app loads the list at start and again
 * when the inbox socket opens (its resync), so the second GET /api/chats follows the open. */
function inboxLive(page: Page): Promise<void> {
  return new Promise((resolve) => {
    let lists = 0;
    const seen = (r: { url(): string }) => {
      if (new URL(r.url()).pathname !== "/api/chats" || ++lists < 2) return;
      page.off("response", seen);
      resolve();
    };
    page.on("response", seen);
  });
}

describe("notifications, mentions and mute", () => {
  let browser: Browser;
  let ann: Person;
  let ben: Person;
  let openId: string;
  let otherId: string;

  before(async () => {
    browser = await launch();
    ann = await signUp(browser, "ann");
    ben = await signUp(browser, "ben", { permissions: ["notifications"] });
    await ben.context.addInitScript(recordNotifications);
    for (const name of ["Reading here", "Elsewhere"]) {
      const { chat } = await api(ann, "post", "/api/chats", { name });
      const { invite } = await api(ann, "post", `/api/chats/${chat.id}/invites`, { username: ben.username });
      await api(ben, "post", `/api/invites/${invite.id}/accept`);
      if (name === "Reading here") openId = chat.id;
      else otherId = chat.id;
    }
  });

  after(async () => {
    await browser?.close();
  });

  it("switches desktop notifications on in Settings, then shows one for a message in a chat that is not open; clicking it opens that chat", async () => {
    await ben.page.goto("/settings");
    const desktop = ben.page.getByRole("switch", { name: "Desktop notifications" });
    await desktop.check();
    assert.equal(await desktop.isChecked(), true);
    assert.deepEqual(await axeProblems(ben.page), []);
    await screenshot(ben.page, "notifications-settings");

    const live = inboxLive(ben.page);
    await ben.page.goto(`/chats/${openId}`);
    await ben.page.locator(".chat-title", { hasText: "Reading here" }).waitFor();
    await live;
    await api(ann, "post", `/api/chats/${otherId}/messages`, { clientId: crypto.randomUUID(), body: "lunch at noon?" });
    await ben.page.waitForFunction(() => (window as unknown as { __notes: unknown[] }).__notes.length === 1);
    const [note] = await notes(ben.page);
    assert.match(note!.title, new RegExp(`${ann.username}.*Elsewhere`));
    assert.equal(note!.body, "lunch at noon?");
    // One per message everywhere: chat and seq (seq 1 is Ben's "joined" line).
    assert.equal(note!.tag, `${otherId}:2`);

    // A message in the chat being read notifies nobody.
    await api(ann, "post", `/api/chats/${openId}/messages`, { clientId: crypto.randomUUID(), body: "seen right here" });
    await ben.page.locator(".bubble .text", { hasText: "seen right here" }).waitFor();
    await ben.page.locator(".chat-item", { hasText: "seen right here" }).waitFor();

    await ben.page.evaluate(() => (window as unknown as { __notes: { onclick: () => void }[] }).__notes[0]!.onclick());
    await ben.page.waitForURL(`**/chats/${otherId}`);
    await ben.page.locator(".chat-title", { hasText: "Elsewhere" }).waitFor();
    assert.equal((await notes(ben.page)).length, 1);
  });

  it("mutes a chat from the list: no notification from it, except for a mention picked from the composer's suggestions", async () => {
    const live = inboxLive(ben.page);
    await ben.page.goto(`/chats/${openId}`);
    await ben.page.locator(".chat-title", { hasText: "Reading here" }).waitFor();
    await live;
    const before = (await notes(ben.page)).length;
    const mute = ben.page.getByRole("button", { name: "Mute Elsewhere" });
    await ben.page.locator(".chat-row", { hasText: "Elsewhere" }).hover();
    await mute.click();
    await ben.page.getByRole("button", { name: "Unmute Elsewhere" }).waitFor();
    await ben.page.locator(".chat-row", { hasText: "Elsewhere" }).getByRole("img", { name: "Muted" }).waitFor();

    await api(ann, "post", `/api/chats/${otherId}/messages`, { clientId: crypto.randomUUID(), body: "nobody needs to hear this" });
    // The list has the message (its inbox frame came), and no notification was made for it.
    await ben.page.locator(".chat-item", { hasText: "nobody needs to hear this" }).waitFor();
    assert.equal((await notes(ben.page)).length, before);

    // Ann mentions Ben by choosing him from the "@" suggestions with the keyboard.
    await ann.page.goto(`/chats/${otherId}`);
    await ann.page.locator(".chat-title", { hasText: "Elsewhere" }).waitFor();
    const box = ann.page.getByRole("textbox", { name: "Message", exact: true });
    await box.click();
    await ann.page.keyboard.type(`please look @${ben.username.slice(0, 3)}`);
    const list = ann.page.getByRole("listbox", { name: "People to mention" });
    await list.waitFor();
    const option = list.getByRole("option", { name: new RegExp(ben.username) });
    assert.equal(await option.getAttribute("aria-selected"), "true");
    assert.equal(await box.getAttribute("aria-activedescendant"), await option.getAttribute("id"));
    assert.deepEqual(await axeProblems(ann.page), []);
    await screenshot(ann.page, "mention-suggestions");
    await ann.page.keyboard.press("Enter");
    await list.waitFor({ state: "detached" });
    assert.equal(await box.inputValue(), `please look @${ben.username} `);
    await ann.page.keyboard.type("now");
    await ann.page.keyboard.press("Enter");
    // Highlighted for the sender as a mention the server recognized.
    await ann.page.locator(".bubble .mention", { hasText: `@${ben.username}` }).waitFor();

    await ben.page.waitForFunction((n) => (window as unknown as { __notes: unknown[] }).__notes.length === n + 1, before);
    const last = (await notes(ben.page)).at(-1)!;
    assert.equal(last.body, `please look @${ben.username} now`);
    // The chat list shows an "@" badge for the unread mention.
    await ben.page.locator(".chat-row", { hasText: "Elsewhere" }).getByLabel("1 unread mention").waitFor();
    assert.deepEqual(cspViolations, []);
  });
});
