// What a person notices around the chat window, in two browsers: the "new messages" divider
// where they left off, the unread total in the tab's title and icon, the browser bar's colour
// following the chosen theme, and a closed direct chat that says why instead of offering a
// message box.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { apiAs, axeEverywhere, bubbles, cspViolations, launch, postMessage, send, signUp, type Person } from "./helpers.ts";


async function waitForTitle(page: Page, title: string) {
  await page.waitForFunction((want) => document.title === want, title);
}

const iconHref = (page: Page) => page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.getAttribute("href") ?? "");

/** Whether the element is wholly inside the history's visible part. */
function inHistoryView(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const view = el.closest(".history")!.getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
  });
}

describe("the chat window", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;

  before(async () => {
    browser = await launch();
    [alice, bob] = [await signUp(browser, "alice"), await signUp(browser, "bob")];
  });

  after(async () => {
    await browser?.close();
  });

  it("opens where the reader left off, under a 'new messages' divider that stays put; the tab counts the unread", async () => {
    const made = await apiAs(alice, "POST", "/api/chats", { name: "Where we left off" });
    const chatId: string = made.body.chat.id;
    // A history taller than the screen, all read by Bob (joining reads up to the end).
    for (let i = 1; i <= 12; i += 1) await postMessage(alice.context, chatId, `earlier ${i}\nline two\nline three`);
    const invited = await apiAs(alice, "POST", `/api/chats/${chatId}/invites`, { username: bob.username });
    assert.equal((await apiAs(bob, "POST", `/api/invites/${invited.body.invite.id}/accept`)).status, 200);

    const page = bob.page;
    await page.goto("/");
    await page.locator(".chat-item", { hasText: "Where we left off" }).waitFor();
    await waitForTitle(page, "qmessenger");
    assert.equal(await iconHref(page), "/favicon.svg");

    // Bob is elsewhere while Alice writes five.
    for (let i = 1; i <= 5; i += 1) await postMessage(alice.context, chatId, `new ${i}`);
    await waitForTitle(page, "(5) qmessenger");
    await page.waitForFunction(() => document.querySelector('link[rel="icon"]')?.getAttribute("href")?.startsWith("data:image/png"));

    await page.locator(".chat-item", { hasText: "Where we left off" }).click();
    const divider = page.locator(".unread-divider");
    await divider.getByText("New messages").waitFor();
    assert.equal(await divider.count(), 1);
    // Right above the first unread message, in the flow, and on screen.
    const firstAfter = await divider.evaluate((el) => el.nextElementSibling?.querySelector(".bubble .text")?.textContent);
    assert.equal(firstAfter, "new 1");
    // (Bob's joining line sits between them: it is not unread.)
    const lastBefore = await divider.evaluate((el) =>
      Array.from(document.querySelectorAll(".history .bubble .text")).filter((b) => el.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING).at(-1)?.textContent,
    );
    assert.match(lastBefore ?? "", /^earlier 12/);
    assert.equal(await inHistoryView(page, ".unread-divider"), true);
    // Reading empties the count: the title and the icon go back.
    await waitForTitle(page, "qmessenger");
    await page.waitForFunction(() => document.querySelector('link[rel="icon"]')?.getAttribute("href") === "/favicon.svg");
    await axeEverywhere(page, "chat-new-messages");

    // A message while reading does not move the divider.
    await postMessage(alice.context, chatId, "new 6");
    await bubbles(page, "new 6").waitFor();
    assert.equal(await divider.evaluate((el) => el.nextElementSibling?.querySelector(".bubble .text")?.textContent), "new 1");
    assert.equal(await divider.count(), 1);

    // Everything read: the next opening has no divider.
    await page.goto("/");
    await page.locator(".chat-item", { hasText: "Where we left off" }).click();
    await bubbles(page, "new 6").waitFor();
    assert.equal(await divider.count(), 0);
  });

  it("shows no divider for the reader's own messages", async () => {
    const made = await apiAs(bob, "POST", "/api/chats", { name: "Only me" });
    const chatId: string = made.body.chat.id;
    await bob.page.goto("/");
    await postMessage(bob.context, chatId, "a note to self");
    await bob.page.locator(".chat-item", { hasText: "Only me" }).click();
    await bubbles(bob.page, "a note to self").waitFor();
    assert.equal(await bob.page.locator(".unread-divider").count(), 0);
    assert.equal(await bob.page.title(), "qmessenger");
  });

  it("paints the browser bar in the chosen theme's colour, and per scheme when following the system", async () => {
    const page = alice.page;
    const metas = () =>
      page.evaluate(() => Array.from(document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')).map((m) => `${m.content}${m.media ? ` ${m.media}` : ""}`));
    await page.goto("/settings");
    await page.getByRole("radio", { name: "Dark" }).check();
    assert.deepEqual(await metas(), ["#17212b"]);
    await page.getByRole("radio", { name: "Light" }).check();
    assert.deepEqual(await metas(), ["#ffffff"]);
    // Remembered: a reload starts in the chosen colour.
    await page.reload();
    await page.getByRole("radio", { name: "Light" }).waitFor();
    assert.deepEqual(await metas(), ["#ffffff"]);
    await page.getByRole("radio", { name: "As on this device" }).check();
    assert.deepEqual(await metas(), ["#ffffff (prefers-color-scheme: light)", "#17212b (prefers-color-scheme: dark)"]);
  });

  it("in a closed direct chat, says why instead of offering a message box, and the blocker can unblock there", async () => {
    const opened = await apiAs(bob, "POST", "/api/direct", { username: alice.username });
    assert.equal(opened.status, 201);
    const chatId: string = opened.body.chat.id;
    const aliceId: string = (await apiAs(alice, "GET", "/api/me")).body.user.id;
    const bobId: string = (await apiAs(bob, "GET", "/api/me")).body.user.id;

    await bob.page.goto(`/chats/${chatId}`);
    const bobBox = bob.page.getByRole("textbox", { name: "Message" });
    await bobBox.waitFor();
    // Alice blocks Bob while his chat is open: his next message is refused, and the box
    // gives way to the reason.
    assert.equal((await apiAs(alice, "PUT", `/api/me/blocks/${bobId}`)).status, 200);
    await send(bob.page, "are you there?");
    await bob.page.getByText("You can't message this person.").waitFor();
    await bobBox.waitFor({ state: "detached" });
    assert.equal(await bob.page.getByRole("button", { name: "Unblock" }).count(), 0);
    await axeEverywhere(bob.page, "chat-closed-blocked");

    await alice.page.goto(`/chats/${chatId}`);
    await alice.page.getByText("You blocked this person.").waitFor();
    assert.equal(await alice.page.getByRole("textbox", { name: "Message" }).count(), 0);
    // Bob's refused message was never stored; the empty chat does not invite a hello no one can send.
    await alice.page.getByText("No messages yet.", { exact: true }).waitFor();
    assert.equal(await alice.page.getByText("Say hello").count(), 0);
    await axeEverywhere(alice.page, "chat-closed-you-blocked");
    await alice.page.getByRole("button", { name: "Unblock" }).click();
    await alice.page.getByRole("textbox", { name: "Message" }).waitFor();
    await send(alice.page, "sorry, unblocked");
    await bubbles(alice.page, "sorry, unblocked").waitFor();
    // Bob, opening it again, can write.
    await bob.page.reload();
    await bubbles(bob.page, "sorry, unblocked").waitFor();
    await bobBox.waitFor();
    assert.notEqual(aliceId, bobId);
  });

  it("says the account was deleted in a direct chat with a deleted account, in Russian too", async () => {
    const carol = await signUp(browser, "carol");
    const opened = await apiAs(carol, "POST", "/api/direct", { username: bob.username });
    assert.equal(opened.status, 201);
    const chatId: string = opened.body.chat.id;
    await postMessage(carol.context, chatId, "goodbye");
    assert.equal((await apiAs(carol, "DELETE", "/api/me", { username: carol.username, password: carol.password })).status, 204);

    await bob.page.goto(`/chats/${chatId}`);
    await bubbles(bob.page, "goodbye").waitFor();
    await bob.page.getByText("This account was deleted.").waitFor();
    assert.equal(await bob.page.getByRole("textbox", { name: "Message" }).count(), 0);
    await bob.page.evaluate(() => localStorage.setItem("qm.lang", "ru"));
    await bob.page.reload();
    await bob.page.getByText("Этот аккаунт удалён.").waitFor();
    await bob.page.evaluate(() => localStorage.removeItem("qm.lang"));
    await carol.context.close();
  });

  it("breaks no Content-Security-Policy rule", () => {
    assert.deepEqual(cspViolations, []);
  });
});
