// The chat list and the history as they change under a user: name search in any script,
// unread badges and ordering that follow activity live, scroll-back through long
// histories, a phone-sized screen, and the dark theme.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext } from "playwright-core";
import { baseURL, bubbles, createChat, launch, newPage, postMessage, screenshot, send, signUp, type Person } from "./helpers.ts";

async function listNames(p: Person): Promise<string[]> {
  return p.page.locator(".chat-item .chat-item-name").allInnerTexts();
}

async function acceptInvite(context: BrowserContext, chatId: string, username: string, invitee: BrowserContext): Promise<void> {
  const sent = await context.request.post(`/api/chats/${chatId}/invites`, { data: { username }, headers: { origin: baseURL } });
  assert.equal(sent.status(), 201);
  const { invite } = (await sent.json()) as { invite: { id: string } };
  const ok = await invitee.request.post(`/api/invites/${invite.id}/accept`, { headers: { origin: baseURL } });
  assert.equal(ok.status(), 200);
}

describe("the chat list and history", () => {
  let browser: Browser;
  let ann: Person;
  let ben: Person;
  const ids: Record<string, string> = {};

  before(async () => {
    browser = await launch();
    ann = await signUp(browser, "ann");
    ben = await signUp(browser, "ben");
  });

  after(async () => {
    await browser?.close();
  });

  it("filters chats by name, case-insensitively in any script", async () => {
    for (const name of ["Hello World", "Работа", "Привет, Мир"]) ids[name] = await createChat(ann.page, name);
    const search = ann.page.getByPlaceholder("Search chats");
    await search.fill("мир");
    await ann.page.waitForFunction(() => document.querySelectorAll(".chat-item").length === 1);
    assert.deepEqual(await listNames(ann), ["Привет, Мир"]);
    await search.fill("WORLD");
    await ann.page.locator(".chat-item", { hasText: "Hello World" }).waitFor();
    await ann.page.waitForFunction(() => document.querySelectorAll(".chat-item").length === 1);
    await search.fill("nothing like this");
    await ann.page.locator(".list-empty", { hasText: "Nothing found" }).waitFor();
    await search.fill("");
    await ann.page.waitForFunction(() => document.querySelectorAll(".chat-item").length === 3);
    assert.deepEqual(await listNames(ann), ["Привет, Мир", "Работа", "Hello World"], "newest first");
  });

  it("moves a chat up and counts unread messages as they arrive, live", async () => {
    await acceptInvite(ann.context, ids["Hello World"]!, ben.username, ben.context);
    await acceptInvite(ann.context, ids["Работа"]!, ben.username, ben.context);
    await ben.page.goto(`/chats/${ids["Hello World"]}`);
    await ben.page.locator(".chat-title", { hasText: "Hello World" }).waitFor();

    // A message in a chat Ben is not looking at: it goes to the top with a badge.
    await postMessage(ann.context, ids["Работа"]!, "в другом чате");
    const work = ben.page.locator(".chat-item", { hasText: "Работа" });
    await work.locator(".badge", { hasText: "1" }).waitFor();
    await work.locator(".chat-item-preview", { hasText: "в другом чате" }).waitFor();
    assert.equal((await listNames(ben))[0], "Работа");
    await postMessage(ann.context, ids["Работа"]!, "и ещё одно");
    await work.locator(".badge", { hasText: "2" }).waitFor();
    await screenshot(ben.page, "list-unread");

    // A message in the open chat: it goes to the top, and it is read at once.
    await postMessage(ann.context, ids["Hello World"]!, "in the open chat");
    await bubbles(ben.page, "in the open chat").waitFor();
    const open = ben.page.locator(".chat-item", { hasText: "Hello World" });
    await open.locator(".chat-item-preview", { hasText: "in the open chat" }).waitFor();
    assert.equal((await listNames(ben))[0], "Hello World");
    assert.equal(await open.locator(".badge").count(), 0);

    // Opening the other chat reads it.
    await work.click();
    await bubbles(ben.page, "и ещё одно").waitFor();
    await ben.page.locator(".chat-item", { hasText: "Работа" }).locator(".badge").waitFor({ state: "detached" });
  });

  it("removes a declined invitation, and the chat never shows up", async () => {
    const chatId = await createChat(ann.page, "Not for Ben");
    const sent = await ann.context.request.post(`/api/chats/${chatId}/invites`, { data: { username: ben.username }, headers: { origin: baseURL } });
    assert.equal(sent.status(), 201);
    const card = ben.page.locator(".invites .invite", { hasText: "Not for Ben" });
    await card.waitFor();
    await card.getByRole("button", { name: "Decline" }).click();
    await card.waitFor({ state: "detached" });
    await ben.page.reload();
    await ben.page.locator(".chat-item").first().waitFor();
    assert.equal(await ben.page.locator(".invites").count(), 0);
    assert.equal(await ben.page.locator(".chat-item", { hasText: "Not for Ben" }).count(), 0);
  });

  it("loads earlier pages when scrolling up, without the view jumping", async () => {
    const chatId = await createChat(ann.page, "Long history");
    for (let i = 1; i <= 130; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => postMessage(ann.context, chatId, `line ${i + k}`)));
    }
    await ann.page.reload();
    await bubbles(ann.page, "line 130").waitFor();
    const pane = ann.page.locator(".history");
    const count = () => ann.page.locator(".bubble").count();
    const first = await count();
    assert.ok(first >= 50 && first < 130, `one page at first (${first})`);
    await screenshot(ann.page, "history-latest");

    // Scroll to the very top: the next page is prepended above what was in view.
    const topText = await ann.page.locator(".bubble .text").first().innerText();
    await pane.evaluate((el) => el.scrollTo({ top: 0 }));
    await ann.page.waitForFunction((n) => document.querySelectorAll(".bubble").length > n, first);
    await ann.page.waitForTimeout(200);
    const anchor = bubbles(ann.page, topText);
    const box = await anchor.boundingBox();
    const view = await pane.boundingBox();
    assert.ok(box && view, "the old first message is still rendered");
    assert.ok(box.y >= view.y - 2 && box.y < view.y + view.height / 2, `it stays near the top of the view (y=${box.y - view.y})`);

    for (let i = 0; i < 5 && !(await ann.page.locator(".history-edge", { hasText: "beginning of the chat" }).count()); i++) {
      await pane.evaluate((el) => el.scrollTo({ top: 0 }));
      await ann.page.waitForTimeout(400);
    }
    await ann.page.locator(".history-edge", { hasText: "beginning of the chat" }).waitFor();
    await bubbles(ann.page, "line 1").waitFor();
    assert.equal(await count(), 130);
  });

  it("lets anyone read a public chat from its link, and join it to write", async () => {
    const chatId = await createChat(ann.page, "Open to all");
    const res = await ann.context.request.patch(`/api/chats/${chatId}`, { data: { visibility: "public" }, headers: { origin: baseURL } });
    assert.equal(res.status(), 200);
    await postMessage(ann.context, chatId, "welcome, readers");

    const guest = await signUp(browser, "guest");
    await guest.page.goto(`/chats/${chatId}`);
    await bubbles(guest.page, "welcome, readers").waitFor();
    assert.equal(await guest.page.locator("textarea[name=message]").count(), 0, "no composer before joining");
    await guest.page.waitForTimeout(600);
    assert.equal(await guest.page.locator(".chat-status", { hasText: "Connecting" }).count(), 0);
    await guest.page.getByRole("button", { name: "Join chat" }).click();
    await send(guest.page, "glad to be here");
    await bubbles(ann.page, "glad to be here").waitFor();
    await guest.page.locator(".chat-item", { hasText: "Open to all" }).waitFor();
    await guest.context.close();
  });

  it("uses one column on a phone: the list, then the chat with a way back", async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
    await page.goto("/");
    await page.locator("input[name=username]").fill(ann.username);
    await page.locator("input[name=password]").fill(ann.password);
    await page.locator("form button[type=submit]").click();
    await page.locator(".chat-item", { hasText: "Hello World" }).waitFor();
    assert.equal(await page.locator(".pane").isVisible(), false, "only the list");
    await screenshot(page, "phone-list");
    await page.locator(".chat-item", { hasText: "Hello World" }).click();
    await bubbles(page, "in the open chat").waitFor();
    assert.equal(await page.locator(".sidebar").isVisible(), false, "only the chat");
    await send(page, "from my phone");
    await page.locator(".group.mine .bubble", { hasText: "from my phone" }).locator("[data-delivery=sent], [data-delivery=read]").waitFor();
    await screenshot(page, "phone-chat");
    await page.getByRole("link", { name: "Back to chats" }).click();
    await page.locator(".chat-item", { hasText: "Hello World" }).waitFor();
    await context.close();
  });

  it("follows the system's dark theme", async () => {
    const { context, page } = await newPage(browser, { colorScheme: "dark" });
    await page.goto("/");
    await page.locator("input[name=username]").fill(ben.username);
    await page.locator("input[name=password]").fill(ben.password);
    await page.locator("form button[type=submit]").click();
    await page.locator(".chat-item", { hasText: "Hello World" }).click();
    await bubbles(page, "from my phone").waitFor();
    await page.locator(".chat-item.active .badge").waitFor({ state: "detached" });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number) as [number, number, number];
    assert.ok(r + g + b < 200, `a dark background (${bg})`);
    await screenshot(page, "chat-dark");
    await context.close();
  });
});
