// Writing: a draft per chat that survives switching chats and reloading (and is gone after
// signing out), and light formatting drawn as elements on the other side, never as markup.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { baseURL, bubbles, contractWarnings, createChat, cspViolations, launch, screenshot, send, signUp, type Person } from "./helpers.ts";

describe("writing", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let first: string;
  let second: string;

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, "alice");
    bob = await signUp(browser, "bob");
    second = await createChat(alice.page, `Second ${Date.now().toString(36).slice(-4)}`);
    first = await createChat(alice.page, `First ${Date.now().toString(36).slice(-4)}`);
    const res = await alice.context.request.post(`/api/chats/${first}/invites`, { data: { username: bob.username }, headers: { origin: baseURL } });
    const { invite } = (await res.json()) as { invite: { id: string } };
    await bob.context.request.post(`/api/invites/${invite.id}/accept`, { headers: { origin: baseURL } });
    await bob.page.goto(`/chats/${first}`);
  });

  after(async () => {
    await browser?.close();
  });

  it("keeps a draft per chat when switching chats and after a reload, and forgets drafts at sign-out", async () => {
    const box = alice.page.locator("textarea[name=message]");
    await box.fill("half a thought for the first chat");
    await alice.page.locator(".chat-item", { hasText: "Second" }).click();
    await alice.page.waitForURL(`**/chats/${second}`);
    assert.equal(await box.inputValue(), "", "another chat has its own draft");
    await box.fill("something for the second chat");
    await alice.page.locator(".chat-item", { hasText: "First" }).click();
    await alice.page.waitForURL(`**/chats/${first}`);
    assert.equal(await box.inputValue(), "half a thought for the first chat");

    // A reply being written is part of the draft.
    await send(bob.page, "Question for Alice");
    await bubbles(alice.page, "Question for Alice").click({ button: "right" });
    await alice.page.getByRole("menuitem", { name: "Reply" }).click();
    await alice.page.reload();
    await alice.page.locator(".chat-title").waitFor();
    assert.equal(await box.inputValue(), "half a thought for the first chat");
    await alice.page.locator(".compose-bar").getByText("Question for Alice").waitFor();
    await alice.page.goto(`/chats/${second}`);
    assert.equal(await box.inputValue(), "something for the second chat");

    // Sent, the draft is gone.
    await alice.page.goto(`/chats/${first}`);
    await box.press("Enter");
    await bob.page.locator(".bubble", { hasText: "half a thought" }).locator(".reply-quote", { hasText: "Question for Alice" }).waitFor();
    assert.equal(await box.inputValue(), "");
    await alice.page.reload();
    await alice.page.locator(".chat-title").waitFor();
    assert.equal(await box.inputValue(), "");
    assert.equal(await alice.page.locator(".compose-bar").count(), 0);

    // Signing out leaves nobody's drafts in this browser.
    await alice.page.getByRole("button", { name: "Sign out" }).click();
    await alice.page.getByRole("button", { name: /create an account/i }).waitFor();
    const left = await alice.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("qm.draft.")));
    assert.deepEqual(left, []);
    await alice.page.locator("input[name=username]").fill(alice.username);
    await alice.page.locator("input[name=password]").fill(alice.password);
    await alice.page.locator("form button[type=submit]").click();
    await alice.page.goto(`/chats/${second}`);
    await alice.page.locator(".chat-title").waitFor();
    assert.equal(await box.inputValue(), "");
  });

  it("draws bold, italic, code, code blocks, quotes and links as elements, and leaves names and URLs alone", async () => {
    await alice.page.goto(`/chats/${first}`);
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await send(alice.page, "**Bold** and _italic_ with `inline code`, snake_case_name, @some_user and https://example.com/a_b_c");
    const shown = bob.page.locator(".bubble", { hasText: "snake_case_name" });
    await shown.locator("strong", { hasText: "Bold" }).waitFor();
    await shown.locator("em", { hasText: "italic" }).waitFor();
    await shown.locator("code", { hasText: "inline code" }).waitFor();
    assert.equal(await shown.locator("em").count(), 1, "snake_case and @some_user stay text");
    assert.match(await shown.locator(".text").innerText(), /snake_case_name, @some_user and https:\/\/example.com\/a_b_c/);
    assert.equal(await shown.locator("a").getAttribute("href"), "https://example.com/a_b_c");

    await alice.page.locator("textarea[name=message]").fill("> a quoted line\n```\nconst x = 1 < 2;\n```");
    await alice.page.locator("textarea[name=message]").press("Enter");
    const block = bob.page.locator(".bubble", { has: bob.page.locator("pre") }).last();
    await block.locator("blockquote", { hasText: "a quoted line" }).waitFor();
    assert.equal(await block.locator("pre code").innerText(), "const x = 1 < 2;");
    await screenshot(bob.page, "formatting-desktop");
  });

  it("never turns what someone typed into markup or script", async () => {
    const attack = '**<img src=x onerror="window.__xss=1">** _<script>window.__xss=2</script>_ [x](javascript:window.__xss=3) `<b>x</b>`';
    await send(alice.page, attack);
    const shown = bob.page.locator(".bubble", { hasText: "onerror" });
    await shown.locator("strong").waitFor();
    assert.equal(await shown.locator("img, script, b").count(), 0);
    assert.equal(await shown.locator("a").count(), 0, "javascript: is never a link");
    assert.match(await shown.locator("strong").innerText(), /<img src=x onerror="window.__xss=1">/);
    await bob.page.reload();
    await bob.page.locator(".bubble", { hasText: "onerror" }).locator("strong").waitFor();
    for (const p of [alice.page, bob.page]) assert.equal(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  });

  it("broke no Content-Security-Policy rule and no contract along the way", () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(contractWarnings, []);
  });
});
