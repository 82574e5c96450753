// Finding chats and people from the search box: direct chats started from user search and
// named after the other person on both sides, public chats read before joining and joined
// from the results, and the sections in any script and letter case.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  baseURL,
  bubbles,
  contractWarnings,
  cspViolations,
  launch,
  newPage,
  openInfo,
  postMessage,
  screenshot,
  send,
  setDisplayName,
  signUp,
  type Person,
} from "./helpers.ts";

const searchBox = (page: Page) => page.getByPlaceholder("Search chats, people and messages");
const section = (page: Page, title: string) => page.locator("section.results", { has: page.getByRole("heading", { name: title }) });

describe("finding chats and people", () => {
  let browser: Browser;
  let anna: Person;
  let ben: Person;
  let directId: string;
  const club = `Клуб Полуночников ${Date.now().toString(36).slice(-4)}`;

  before(async () => {
    browser = await launch();
    anna = await signUp(browser, "anna");
    await setDisplayName(anna, "Анна Каренина");
    ben = await signUp(browser, "ben");
    await setDisplayName(ben, "Ben Stone");
  });

  after(async () => {
    await browser?.close();
  });

  it("starts a direct chat from user search, named after the other person on both sides", async () => {
    await searchBox(ben.page).fill("АННА К");
    // Display names repeat across runs against one server; the username does not.
    const person = section(ben.page, "People").locator(".result-item", { hasText: `@${anna.username}` });
    await person.getByText("Анна Каренина").waitFor();
    await screenshot(ben.page, "search-people");
    await person.click();
    await ben.page.waitForURL(/\/chats\/[^/]+$/);
    directId = new URL(ben.page.url()).pathname.split("/").pop()!;
    await ben.page.locator(".chat-title", { hasText: "Анна Каренина" }).waitFor();
    await ben.page.locator(".chat-head .avatar", { hasText: "А" }).waitFor();
    assert.equal(await ben.page.locator(".chat-head").getByRole("button", { name: "Invite" }).count(), 0, "nobody is invited into a direct chat");

    await send(ben.page, "Здравствуйте, Анна!");
    const item = anna.page.locator(".chat-item", { hasText: "Ben Stone" });
    await item.locator(".chat-item-preview", { hasText: "Здравствуйте, Анна!" }).waitFor();
    await item.click();
    await bubbles(anna.page, "Здравствуйте, Анна!").waitFor();
    await anna.page.locator(".chat-title", { hasText: "Ben Stone" }).waitFor();
    // Ben has the chat open: his side of the header says he is here.
    await anna.page.locator(".chat-status", { hasText: "online" }).waitFor();
    await ben.page.locator(".chat-status", { hasText: "online" }).waitFor();

    // The info panel shows the person, not members, roles or links.
    await openInfo(anna.page);
    const info = anna.page.locator("aside.info");
    await info.locator(".info-name", { hasText: "Ben Stone" }).waitFor();
    await info.getByText(`@${ben.username}`).waitFor();
    assert.equal(await info.locator(".member").count(), 0);
    assert.equal(await info.getByRole("button", { name: /Leave|Delete|Create link|Add member/ }).count(), 0);
    await screenshot(anna.page, "direct-profile");

    // Searching again finds the chat under "Your chats", and the person opens the same chat.
    await searchBox(ben.page).fill("анна");
    await section(ben.page, "Your chats").locator(".chat-item", { hasText: "Анна Каренина" }).waitFor();
    await section(ben.page, "People").locator(".result-item", { hasText: `@${anna.username}` }).click();
    await ben.page.waitForURL(`**/chats/${directId}`);
    await searchBox(ben.page).fill("");
    assert.equal(await ben.page.locator(".chat-item", { hasText: "Анна Каренина" }).count(), 1);
  });

  it("finds a public chat in any letter case, reads it before joining, and joins from the results", async () => {
    const made = await anna.context.request.post("/api/chats", { data: { name: club, visibility: "public" }, headers: { origin: baseURL } });
    assert.equal(made.status(), 201);
    const { chat } = (await made.json()) as { chat: { id: string } };
    await postMessage(anna.context, chat.id, "Добро пожаловать в клуб");

    await searchBox(ben.page).fill("ПОЛУНОЧНИК");
    const result = section(ben.page, "Public chats").locator(".result", { hasText: club });
    await result.getByText("1 member").waitFor();
    assert.equal(await section(ben.page, "Your chats").count(), 0, "not one of his chats yet");
    await screenshot(ben.page, "search-public");

    // Opening the result reads it without joining.
    await result.getByRole("link").click();
    await ben.page.waitForURL(`**/chats/${chat.id}`);
    await bubbles(ben.page, "Добро пожаловать в клуб").waitFor();
    await ben.page.locator(".join-bar").getByRole("button", { name: "Join chat" }).waitFor();
    assert.equal(await ben.page.locator("textarea[name=message]").count(), 0);

    await result.getByRole("button", { name: "Join" }).click();
    await ben.page.locator("textarea[name=message]").waitFor();
    await section(ben.page, "Your chats").locator(".chat-item", { hasText: club }).waitFor();
    await result.waitFor({ state: "detached" });
    await anna.page.locator(".chat-item", { hasText: club }).locator(".chat-item-preview", { hasText: "Ben Stone joined the chat" }).waitFor();
    await send(ben.page, "рад быть здесь");
    await anna.page.locator(".chat-item", { hasText: club }).locator(".chat-item-preview", { hasText: "рад быть здесь" }).waitFor();
  });

  it("lets a member leave from the info panel: the chat leaves their list and the others are told", async () => {
    await searchBox(ben.page).fill("");
    await openInfo(ben.page);
    await ben.page.locator("aside.info").getByRole("button", { name: "Leave chat" }).click();
    const dialog = ben.page.locator("dialog.dialog[open]");
    await dialog.getByText(`Leave “${club}”?`).waitFor();
    await dialog.getByRole("button", { name: "Leave" }).click();
    await ben.page.waitForURL((u) => u.pathname === "/");
    await ben.page.locator(".chat-item", { hasText: club }).waitFor({ state: "detached" });
    await anna.page.locator(".chat-item", { hasText: club }).locator(".chat-item-preview", { hasText: "Ben Stone left the chat" }).waitFor();
  });

  it("says so when nothing matches", async () => {
    await searchBox(ben.page).fill("no such thing anywhere");
    await ben.page.locator(".list-empty", { hasText: "Nothing found for “no such thing anywhere”" }).waitFor();
    await searchBox(ben.page).fill("");
  });

  it("lays the results out in the dark theme and on a phone", async () => {
    for (const [name, options] of [
      ["search-dark", { colorScheme: "dark" as const }],
      ["search-phone", { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true }],
    ] as const) {
      const { context, page } = await newPage(browser, options);
      await page.goto("/");
      await page.locator("input[name=username]").fill(ben.username);
      await page.locator("input[name=password]").fill(ben.password);
      await page.locator("form button[type=submit]").click();
      await page.locator(".chat-item").first().waitFor();
      await searchBox(page).fill("а");
      await section(page, "People").waitFor();
      await screenshot(page, name);
      if (name === "search-phone") {
        await page.locator(".chat-item", { hasText: "Анна Каренина" }).click();
        await bubbles(page, "Здравствуйте, Анна!").waitFor();
        await screenshot(page, "direct-phone");
      }
      await context.close();
    }
  });

  it("ran all of the above without the Content-Security-Policy blocking anything", () => {
    assert.deepEqual(cspViolations, []);
  });

  it("got only responses and frames that match the shared protocol schemas", () => {
    assert.deepEqual(contractWarnings, []);
  });
});
