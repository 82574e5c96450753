// Acting on messages, two people in two browsers: replies drawn as quotes that jump to their
// original (also 100+ messages back), edits from the menu and with the Up arrow, deletion
// after a confirmation, reactions with counts and names, message info, and the whole menu
// from the keyboard. Everything shows live on the other side and after reconnecting.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { api, axeProblems, baseURL, contractWarnings, createChat, cspViolations, launch, screenshot, send, signUp, type Person } from "./helpers.ts";

/** The stored message (not one still on its way) whose text, quote aside, contains `text`. */
const bubble = (page: Page, text: string): Locator => page.locator(".bubble[data-seq]", { has: page.locator(".text", { hasText: text }) });

/** Posts over HTTP (a faster way to fill a chat than typing); returns the seq. */
async function post(p: Person, chatId: string, body: string, replyTo?: number): Promise<number> {
  const { message } = await api<{ message: { seq: number } }>(p, "POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body, ...(replyTo ? { replyTo } : {}) });
  return message.seq;
}

/** Opens a message's menu with a right-click. */
async function menuOf(page: Page, target: Locator): Promise<Locator> {
  await target.click({ button: "right" });
  const menu = page.getByRole("menu", { name: "Message actions" });
  await menu.waitFor();
  return menu;
}

/** True once the element is inside the history's visible area. */
async function inView(page: Page, target: Locator): Promise<boolean> {
  const [box, view] = await Promise.all([target.boundingBox(), page.locator(".history").boundingBox()]);
  return !!box && !!view && box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1;
}

describe("acting on messages", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let chatId: string;

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, "alice");
    bob = await signUp(browser, "bob");
    chatId = await createChat(alice.page, `Actions ${Date.now().toString(36).slice(-4)}`);
    const { invite } = await api<{ invite: { id: string } }>(alice, "POST", `/api/chats/${chatId}/invites`, { username: bob.username });
    await api(bob, "POST", `/api/invites/${invite.id}/accept`);
    await bob.page.goto(`/chats/${chatId}`);
    await bob.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  it("replies with a quote that both see, and the quote jumps to its original", async () => {
    await send(alice.page, "Where do we meet?");
    const original = bubble(bob.page, "Where do we meet?");
    const menu = await menuOf(bob.page, original);
    await screenshot(bob.page, "menu-desktop");
    assert.deepEqual(await axeProblems(bob.page), [], "the menu open");
    await menu.getByRole("menuitem", { name: "Reply" }).click();
    const bar = bob.page.locator(".compose-bar");
    await bar.getByText(`Reply to ${alice.username}`).waitFor();
    await bar.getByText("Where do we meet?").waitFor();
    await screenshot(bob.page, "reply-bar-desktop");
    assert.deepEqual(await axeProblems(bob.page), [], "the reply bar");
    await bob.page.keyboard.type("At the station");
    await bob.page.keyboard.press("Enter");
    await bar.waitFor({ state: "detached" });

    const reply = bubble(alice.page, "At the station");
    await reply.locator(".reply-quote", { hasText: "Where do we meet?" }).waitFor();
    await reply.locator(".reply-quote .reply-name", { hasText: alice.username }).waitFor();
    await bubble(bob.page, "At the station").locator(".reply-quote", { hasText: "Where do we meet?" }).waitFor();

    await reply.locator(".reply-quote").click();
    const target = bubble(alice.page, "Where do we meet?");
    await alice.page.locator(".bubble.flash", { hasText: "Where do we meet?" }).waitFor();
    assert.equal(await target.evaluate((el) => el === document.activeElement), true, "the original gets the focus");

    // A reply can be cancelled before it is sent.
    await (await menuOf(alice.page, reply)).getByRole("menuitem", { name: "Reply" }).click();
    await alice.page.getByRole("button", { name: "Cancel reply" }).click();
    await alice.page.locator(".compose-bar").waitFor({ state: "detached" });
  });

  it("jumps to a replied message more than 100 messages back, loading what lies between", async () => {
    const far = await post(alice, chatId, "The very first plan");
    for (let i = 1; i <= 130; i++) await post(alice, chatId, `filler ${i}`);
    await post(bob, chatId, "About that first plan", far);
    await alice.page.reload();
    const reply = bubble(alice.page, "About that first plan");
    await reply.waitFor();
    assert.equal(await bubble(alice.page, "The very first plan").count(), 0, "the original is not loaded yet");
    await reply.locator(".reply-quote").click();
    const original = alice.page.locator(`.bubble[data-seq="${far}"]`);
    await alice.page.locator(`.bubble.flash[data-seq="${far}"]`).waitFor();
    assert.ok(await inView(alice.page, original), "the original is scrolled into view");
    // Older pages were added, not swapped in: the reply is still loaded below.
    assert.equal(await reply.count(), 1);
    assert.equal(await alice.page.locator(".bubble[data-seq] .text", { hasText: /^filler 65$/ }).count(), 1);
  });

  it("edits from the menu and with the Up arrow, shown as edited on both sides", async () => {
    await send(alice.page, "Meeting at 5 pm, bring the the slides");
    await bubble(bob.page, "bring the the slides").waitFor();
    const mine = bubble(alice.page, "bring the the slides");
    await mine.hover();
    await mine.getByRole("button", { name: "Message actions" }).click();
    await alice.page.getByRole("menuitem", { name: "Edit" }).click();
    await alice.page.locator(".compose-bar.editing").getByText("Editing").waitFor();
    const box = alice.page.locator("textarea[name=message]");
    assert.equal(await box.inputValue(), "Meeting at 5 pm, bring the the slides");
    await screenshot(alice.page, "edit-bar-desktop");
    await box.fill("Meeting at 5 pm, bring the slides");
    await box.press("Enter");
    const edited = bubble(bob.page, "Meeting at 5 pm, bring the slides");
    await edited.locator(".edited").waitFor();
    assert.equal(await box.inputValue(), "", "the composer is empty again");

    // The Up arrow in an empty composer edits the last own message; Esc gives the draft back.
    await box.press("ArrowUp");
    assert.equal(await box.inputValue(), "Meeting at 5 pm, bring the slides");
    await box.press("Escape");
    assert.equal(await box.inputValue(), "");
    await box.fill("half-typed draft");
    await box.press("ArrowUp");
    assert.equal(await box.inputValue(), "half-typed draft", "Up in a box with text moves the caret, nothing else");
    await box.fill("");
    await box.press("ArrowUp");
    await box.fill("Meeting at 6 pm, bring the slides");
    await box.press("Enter");
    await bubble(bob.page, "Meeting at 6 pm").locator(".edited").waitFor();

    // An edit made while the other side is offline arrives when it reconnects.
    await bob.context.setOffline(true);
    try {
      await bob.page.locator(".chat-status", { hasText: "Connecting…" }).waitFor();
      await box.press("ArrowUp");
      await box.fill("Meeting at 7 pm, bring the slides");
      await box.press("Enter");
      await bubble(alice.page, "Meeting at 7 pm").locator(".edited").waitFor();
    } finally {
      await bob.context.setOffline(false);
    }
    await bubble(bob.page, "Meeting at 7 pm").locator(".edited").waitFor();
    const texts = await bob.page.locator(".bubble .text").allInnerTexts();
    assert.deepEqual(
      texts.filter((t) => t.startsWith("Meeting at")),
      ["Meeting at 7 pm, bring the slides"],
      "one message, in its latest state",
    );
  });

  it("deletes only after a confirmation, for everyone; the owner may delete others' messages", async () => {
    await send(alice.page, "This one goes away");
    await bubble(bob.page, "This one goes away").waitFor();
    let menu = await menuOf(alice.page, bubble(alice.page, "This one goes away"));
    await menu.getByRole("menuitem", { name: "Delete" }).click();
    const dialog = alice.page.getByRole("dialog", { name: "Delete this message?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.equal(await bubble(bob.page, "This one goes away").count(), 1, "cancelling deletes nothing");

    menu = await menuOf(alice.page, bubble(alice.page, "This one goes away"));
    await menu.getByRole("menuitem", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await bubble(bob.page, "This one goes away").waitFor({ state: "detached" });
    assert.ok((await bob.page.locator(".bubble.deleted").count()) >= 1);

    // Bob is a member: no Edit or Delete on Alice's messages, but both on his own.
    await send(bob.page, "Bob says something regrettable");
    const others = await menuOf(bob.page, bubble(bob.page, "Meeting at 7 pm"));
    assert.equal(await others.getByRole("menuitem", { name: /^(Edit|Delete)$/ }).count(), 0);
    await bob.page.keyboard.press("Escape");
    menu = await menuOf(alice.page, bubble(alice.page, "Bob says something regrettable"));
    assert.equal(await menu.getByRole("menuitem", { name: "Edit" }).count(), 0, "the owner cannot edit others' words");
    await menu.getByRole("menuitem", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await bubble(bob.page, "Bob says something regrettable").waitFor({ state: "detached" });
  });

  it("shows reactions as chips with counts and who gave them, toggled by a click", async () => {
    await send(bob.page, "Pizza tonight?");
    const onAlice = bubble(alice.page, "Pizza tonight?");
    await (await menuOf(alice.page, onAlice)).getByRole("menuitem", { name: "React with 👍" }).click();
    const bobChip = bubble(bob.page, "Pizza tonight?").getByRole("button", { name: "👍: 1 reaction" });
    await bobChip.waitFor();
    assert.equal(await bobChip.getAttribute("aria-pressed"), "false");
    await bobChip.click();
    const two = bubble(alice.page, "Pizza tonight?").getByRole("button", { name: "👍: 2 reactions" });
    await two.waitFor();
    assert.equal(await two.getAttribute("aria-pressed"), "true", "Alice's own reaction is highlighted");
    assert.equal(await bubble(bob.page, "Pizza tonight?").getByRole("button", { name: "👍: 2 reactions" }).getAttribute("aria-pressed"), "true");

    // Who reacted: fetched when the pointer rests on the chip.
    await two.hover();
    const who = alice.page.getByRole("tooltip");
    await who.getByText(bob.username).waitFor();
    await who.getByText("You").waitFor();
    await screenshot(alice.page, "reactions-who");

    // The full picker offers every emoji; a search finds one by name.
    await (await menuOf(bob.page, bubble(bob.page, "Pizza tonight?"))).getByRole("menuitem", { name: "More reactions" }).click();
    const picker = bob.page.getByRole("dialog", { name: "Choose a reaction" });
    await picker.getByRole("searchbox", { name: "Search emoji" }).fill("rocket");
    await screenshot(bob.page, "picker-desktop");
    assert.deepEqual(await axeProblems(bob.page), [], "the picker");
    await picker.getByRole("button", { name: "rocket" }).click();
    await picker.waitFor({ state: "detached" });
    await bubble(alice.page, "Pizza tonight?").getByRole("button", { name: "🚀: 1 reaction" }).waitFor();

    // Taking a reaction back: the count drops on both sides.
    await bubble(alice.page, "Pizza tonight?").getByRole("button", { name: "👍: 2 reactions" }).click();
    await bubble(bob.page, "Pizza tonight?").getByRole("button", { name: "👍: 1 reaction" }).waitFor();
  });

  it("acts before the chat's socket is up: the change goes over HTTP and reaches everyone", async () => {
    await send(bob.page, "Acted on without a socket");
    await bubble(alice.page, "Acted on without a socket").waitFor();
    // Alice's socket does not connect until the test lets it (the route stays on the page:
    // afterwards it passes sockets through to the server).
    let blocked = true;
    await alice.page.routeWebSocket(/\/api\/chats\/[^/]+\/ws/, (ws) => {
      if (!blocked) ws.connectToServer();
    });
    try {
      await alice.page.reload();
      const target = bubble(alice.page, "Acted on without a socket");
      await (await menuOf(alice.page, target)).getByRole("menuitem", { name: "React with ❤️" }).click();
      await bubble(bob.page, "Acted on without a socket").getByRole("button", { name: "❤️: 1 reaction" }).waitFor();
      assert.equal(await alice.page.locator(".action-notice").count(), 0, "no complaint: it went out");
    } finally {
      blocked = false;
    }
    await alice.page.reload();
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await bubble(alice.page, "Acted on without a socket").getByRole("button", { name: "❤️: 1 reaction" }).waitFor();
  });

  it("tells the sender who has read a message and when, live", async () => {
    await bob.page.goto("/");
    await bob.page.locator(".chat-item").first().waitFor();
    await send(alice.page, "Did everyone see the schedule?");
    const menu = await menuOf(alice.page, bubble(alice.page, "Did everyone see the schedule?"));
    await menu.getByRole("menuitem", { name: "Message info" }).click();
    const info = alice.page.getByRole("dialog", { name: "Message info" });
    await info.getByText("Nobody has read it yet.").waitFor();
    await bob.page.goto(`/chats/${chatId}`);
    await bubble(bob.page, "Did everyone see the schedule?").waitFor();
    await info.locator(".reader", { hasText: bob.username }).waitFor();
    await screenshot(alice.page, "message-info-desktop");
    assert.deepEqual(await axeProblems(alice.page), [], "message info");
    await info.getByRole("button", { name: "Close" }).click();
  });

  it("opens the menu and acts from the keyboard alone", async () => {
    await send(bob.page, "First for the keyboard");
    await send(bob.page, "Second for the keyboard");
    await bubble(alice.page, "Second for the keyboard").waitFor();
    const page = alice.page;
    await page.locator("textarea[name=message]").focus();
    // Back from the text box: the Attach button, then the newest message.
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Attach", "Attach comes just before the text box");
    await page.keyboard.press("Shift+Tab");
    const focusedText = () => page.evaluate(() => document.activeElement?.closest(".bubble")?.querySelector(".text")?.textContent ?? null);
    assert.equal(await focusedText(), "Second for the keyboard", "the newest message is in the tab order");
    await page.keyboard.press("ArrowUp");
    assert.equal(await focusedText(), "First for the keyboard");
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu", { name: "Message actions" });
    await menu.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "menuitem", "the menu takes the focus");
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
    assert.equal(await focusedText(), "First for the keyboard", "Esc gives the focus back to the message");

    await page.keyboard.press("Shift+F10");
    await menu.waitFor();
    for (let i = 0; i < 20; i++) {
      const name = await page.evaluate(() => document.activeElement?.textContent ?? "");
      if (name === "Reply") break;
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Enter");
    await page.locator(".compose-bar").getByText("First for the keyboard").waitFor();
    // The caret moves to the composer (once the reply bar is drawn).
    await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "message");
    await page.keyboard.type("Answered by keyboard");
    await page.keyboard.press("Enter");
    await bubble(bob.page, "Answered by keyboard").locator(".reply-quote", { hasText: "First for the keyboard" }).waitFor();
  });

  it("fits a phone screen and the dark theme, with every control named", async () => {
    const { context, page } = await (async () => {
      const ctx = await browser.newContext({ baseURL, locale: "en-US", viewport: { width: 360, height: 740 }, colorScheme: "dark", hasTouch: true, isMobile: true });
      const res = await ctx.request.post("/api/auth/login", { data: { username: bob.username, password: bob.password }, headers: { origin: baseURL } });
      assert.ok(res.ok());
      return { context: ctx, page: await ctx.newPage() };
    })();
    try {
      await page.goto(`/chats/${chatId}`);
      const target = bubble(page, "Pizza tonight?");
      await target.waitFor();
      await target.scrollIntoViewIfNeeded();
      // A long press opens the menu on a touch screen.
      const box = (await target.boundingBox())!;
      const cdp = await context.newCDPSession(page);
      const point = { x: box.x + 20, y: box.y + 10 };
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
      const menu = page.getByRole("menu", { name: "Message actions" });
      await menu.waitFor();
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await screenshot(page, "menu-phone-dark");
      assert.deepEqual(await axeProblems(page), [], "the menu on a phone, dark");
      await menu.getByRole("menuitem", { name: "Reply" }).click();
      await screenshot(page, "reply-bar-phone-dark");
      assert.deepEqual(await axeProblems(page), [], "the reply bar on a phone, dark");
      await page.getByRole("button", { name: "Cancel reply" }).click();
      const unnamed = await page.evaluate(() =>
        Array.from(document.querySelectorAll("button, [role=menuitem], input, textarea"))
          .filter((el) => !(el.getAttribute("aria-label") || el.textContent?.trim() || (el as HTMLInputElement).placeholder || el.getAttribute("title")))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unnamed, []);
    } finally {
      await context.close();
    }
  });

  it("broke no Content-Security-Policy rule and no contract along the way", () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(contractWarnings, []);
  });
});
