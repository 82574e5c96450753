// Finding messages, two people in two browsers: the sidebar's Messages section in Russian and
// English (any case, part of a word), with chat, sender, time and the match marked; choosing a
// result opens its chat at the message, even hundreds of messages back; more results load on
// scroll; typing sends one search per pause, not per key; and a chat's own search.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { api, axeProblems, baseURL, contractWarnings, createChat, cspViolations, launch, screenshot, signUp, type Person } from "./helpers.ts";

const searchBox = (page: Page) => page.getByPlaceholder("Search chats, people and messages");
/** A message by its whole text: a bubble's text runs into its time ("шум 29" + "9:35 PM"
 * reads "шум 299:35 PM"), so a substring match would find the wrong one at nine o'clock. */
const messageText = (page: Page, text: string) => page.locator(".bubble[data-seq] .text").getByText(text, { exact: true });
const messagesSection = (page: Page) => page.locator("section.results", { has: page.getByRole("heading", { name: "Messages" }) });

async function post(p: Person, chatId: string, body: string): Promise<number> {
  return (await api<{ message: { seq: number } }>(p, "POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body })).message.seq;
}

describe("finding messages", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let work: string;
  let home: string;
  const tag = Date.now().toString(36).slice(-5);
  const workName = `Работа ${tag}`;
  const homeName = `Home ${tag}`;

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, "alice");
    bob = await signUp(browser, "bob");
    work = await createChat(alice.page, workName);
    home = await createChat(alice.page, homeName);
    for (const chatId of [work, home]) {
      const { invite } = await api<{ invite: { id: string } }>(alice, "POST", `/api/chats/${chatId}/invites`, { username: bob.username });
      await api(bob, "POST", `/api/invites/${invite.id}/accept`);
    }
  });

  after(async () => {
    await browser?.close();
  });

  it("finds a Russian message by part of a word and opens its chat at it, 300 messages back", async () => {
    const found = await post(bob, work, `Это тестовое сообщение ${tag}`);
    for (let i = 0; i < 300; i++) await post(alice, work, `шум ${i}`);
    await alice.page.goto("/");
    await searchBox(alice.page).fill(`тест`);
    const result = messagesSection(alice.page).locator(".result-item", { hasText: tag });
    await result.waitFor();
    await result.locator("mark", { hasText: "тест" }).waitFor();
    await result.getByText(workName).waitFor();
    await result.getByText(bob.username).waitFor();
    assert.match(await result.locator("time").innerText(), /\d/);
    await screenshot(alice.page, "search-messages-desktop");
    assert.deepEqual(await axeProblems(alice.page), [], "message results");

    await result.click();
    await alice.page.waitForURL(`**/chats/${work}`);
    const target = alice.page.locator(`.bubble.flash[data-seq="${found}"]`);
    await target.waitFor();
    assert.equal(await messageText(alice.page, "шум 299").count(), 0, "the chat opened around the result, not at its end");
    // Nor did it load newer pages nobody scrolled to (the first page around the result ends
    // well before "шум 60"; opening at the bottom of that page once read as scrolling down).
    assert.equal(await messageText(alice.page, "шум 60").count(), 0, "no newer page loaded unasked");
    // Back to the newest with one click.
    await alice.page.getByRole("button", { name: "Jump to the latest messages" }).click();
    await messageText(alice.page, "шум 299").waitFor();
  });

  it("finds an English message in any letter case and opens the other chat at it", async () => {
    const seq = await post(bob, home, `Quarterly REPORT draft ${tag}`);
    await post(alice, home, "unrelated");
    await searchBox(alice.page).fill("report draft");
    const result = messagesSection(alice.page).locator(".result-item", { hasText: tag });
    await result.locator("mark", { hasText: "REPORT draft" }).waitFor();
    await result.getByText(homeName).waitFor();
    await result.click();
    await alice.page.waitForURL(`**/chats/${home}`);
    await alice.page.locator(`.bubble.flash[data-seq="${seq}"]`).waitFor();
  });

  it("loads more results as the list is scrolled, and asks once per pause in typing", async () => {
    for (let i = 0; i < 26; i++) await post(bob, home, `needle ${tag} number ${i}`);
    const searches: string[] = [];
    alice.page.on("request", (r) => r.url().includes("/api/search") && searches.push(r.url()));
    await searchBox(alice.page).fill("");
    await searchBox(alice.page).pressSequentially(`needle ${tag}`, { delay: 60 });
    const items = messagesSection(alice.page).locator(".result-item");
    await items.nth(19).waitFor();
    assert.equal(searches.length, 1, `one search for the whole word typed: ${searches.join(" ")}`);
    assert.equal(await items.count(), 20, "a first page");
    await items.nth(19).scrollIntoViewIfNeeded();
    await items.nth(25).waitFor();
    assert.equal(await items.count(), 26, "every match once");
    assert.equal(searches.length, 2);
  });

  it("searches the open chat from its header and shows the message found", async () => {
    const seq = await post(bob, work, `Встреча в ПЯТНИЦУ ${tag}`);
    await alice.page.goto(`/chats/${work}`);
    await alice.page.getByRole("button", { name: "Search in this chat" }).click();
    await alice.page.getByRole("searchbox", { name: "Search messages in this chat" }).fill("пятниц");
    const result = alice.page.locator(".chat-search-results .result-item", { hasText: tag });
    await result.locator("mark", { hasText: "ПЯТНИЦ" }).waitFor();
    await screenshot(alice.page, "search-in-chat-desktop");
    assert.deepEqual(await axeProblems(alice.page), [], "the chat's search");
    await result.click();
    await alice.page.locator(`.bubble.flash[data-seq="${seq}"]`).waitFor();
    await alice.page.getByRole("button", { name: "Close search" }).click();
    await alice.page.locator(".chat-search").waitFor({ state: "detached" });
  });

  it("shows the results on a phone in the dark theme", async () => {
    const context = await browser.newContext({ baseURL, locale: "ru-RU", viewport: { width: 360, height: 740 }, colorScheme: "dark" });
    try {
      const res = await context.request.post("/api/auth/login", { data: { username: alice.username, password: alice.password }, headers: { origin: baseURL } });
      assert.ok(res.ok());
      const page = await context.newPage();
      await page.goto("/");
      await page.getByPlaceholder("Поиск чатов, людей и сообщений").fill("тест");
      const section = page.locator("section.results", { has: page.getByRole("heading", { name: "Сообщения" }) });
      await section.locator(".result-item", { hasText: tag }).waitFor();
      await screenshot(page, "search-messages-phone-dark");
      assert.deepEqual(await axeProblems(page), [], "message results on a phone, dark");
    } finally {
      await context.close();
    }
  });

  it("broke no Content-Security-Policy rule and no contract along the way", () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(contractWarnings, []);
  });
});
