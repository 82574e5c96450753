// Other people and one's own account, in two (three) browsers: the profile card opens a direct
// chat; blocking stops the other person from starting one or inviting, and unblocking restores
// it; the data export downloads JSON with one's messages; deleting the account signs out,
// leaves "Deleted account" on old messages for the others, and keeps the username taken.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { apiAs, axeEverywhere, bubbles, cspViolations, launch, newPage, openInfo, screenshot, send, signUp, type Person } from "./helpers.ts";


async function openSettings(page: Page) {
  await page.getByRole("button", { name: /^Settings/ }).click();
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
}

describe("profiles, blocking and one's account", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let chatId: string;

  before(async () => {
    browser = await launch();
    [alice, bob, carol] = [await signUp(browser, "alice"), await signUp(browser, "bob"), await signUp(browser, "carol")];
    const made = await apiAs(alice, "POST", "/api/chats", { name: "Neighbours" });
    assert.equal(made.status, 201);
    chatId = made.body.chat.id;
    for (const p of [bob, carol]) {
      const invited = await apiAs(alice, "POST", `/api/chats/${chatId}/invites`, { username: p.username });
      assert.equal(invited.status, 201);
      assert.equal((await apiAs(p, "POST", `/api/invites/${invited.body.invite.id}/accept`)).status, 200);
    }
    await alice.page.goto(`/chats/${chatId}`);
    await send(alice.page, "Hello from Alice");
    await bubbles(alice.page, "Hello from Alice").waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  it("opens a sender's profile card from the history, and Send message opens the direct chat", async () => {
    const page = bob.page;
    await page.goto(`/chats/${chatId}`);
    await bubbles(page, "Hello from Alice").waitFor();
    await page.locator(".group .sender-btn", { hasText: alice.username }).first().click();
    const card = page.getByRole("dialog", { name: "Profile" });
    await card.getByText(`@${alice.username}`).waitFor();
    await card.getByRole("button", { name: "Block" }).waitFor();
    await axeEverywhere(page, "profile-card");
    await card.getByRole("button", { name: "Send message" }).click();
    await card.waitFor({ state: "detached" });
    await page.waitForURL((url) => !url.pathname.endsWith(chatId));
    await page.locator(".chat-title", { hasText: alice.username }).waitFor();
    const direct = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const { body } = await apiAs(bob, "GET", `/api/chats/${direct}`);
    assert.equal(body.chat.kind, "direct");
    assert.equal(body.chat.peer.username, alice.username);
  });

  it("blocking from a member's card stops them starting a direct chat or inviting; unblocking in Settings restores it", async () => {
    // Alice blocks Carol from the chat's member list.
    await alice.page.goto(`/chats/${chatId}`);
    await openInfo(alice.page);
    await alice.page.getByRole("button", { name: new RegExp(`^${carol.username}\\b.*, profile$`) }).click();
    const aliceCard = alice.page.getByRole("dialog", { name: "Profile" });
    await aliceCard.getByRole("button", { name: "Block" }).click();
    await aliceCard.getByRole("button", { name: "Unblock" }).waitFor();
    await aliceCard.getByRole("button", { name: "Close" }).click();

    // Carol cannot start a conversation with Alice from her card...
    await carol.page.goto(`/chats/${chatId}`);
    await bubbles(carol.page, "Hello from Alice").waitFor();
    await carol.page.locator(".group .sender-btn", { hasText: alice.username }).first().click();
    const carolCard = carol.page.getByRole("dialog", { name: "Profile" });
    await carolCard.getByRole("button", { name: "Send message" }).click();
    await carolCard.getByRole("alert").filter({ hasText: "You can't start a conversation with this person." }).waitFor();
    assert.match(new URL(carol.page.url()).pathname, new RegExp(`${chatId}$`), "no chat opened");
    await carolCard.getByRole("button", { name: "Close" }).click();
    // ...nor invite her anywhere.
    const own = await apiAs(carol, "POST", "/api/chats", { name: "Carol's place" });
    assert.equal((await apiAs(carol, "POST", `/api/chats/${own.body.chat.id}/invites`, { username: alice.username })).status, 403);

    // Alice sees Carol under "Blocked people" and unblocks her there.
    await openSettings(alice.page);
    const blocked = alice.page.getByRole("region", { name: "Blocked people" });
    await blocked.getByText(`@${carol.username}`).waitFor();
    await axeEverywhere(alice.page, "settings-blocked");
    await blocked.getByRole("button", { name: `Unblock ${carol.username}` }).click();
    await blocked.getByText("You haven't blocked anyone.").waitFor();

    // Now Carol can write to Alice, and invite her.
    await carol.page.locator(".group .sender-btn", { hasText: alice.username }).first().click();
    await carol.page.getByRole("dialog", { name: "Profile" }).getByRole("button", { name: "Send message" }).click();
    await carol.page.locator(".chat-title", { hasText: alice.username }).waitFor();
    assert.equal((await apiAs(carol, "POST", `/api/chats/${own.body.chat.id}/invites`, { username: alice.username })).status, 201);
  });

  it("downloads my data as JSON with my messages", async () => {
    await openSettings(alice.page);
    const [download] = await Promise.all([alice.page.waitForEvent("download"), alice.page.getByRole("link", { name: "Download my data" }).click()]);
    assert.match(download.suggestedFilename(), /^qmessenger-.+\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, "utf8"));
    assert.equal(data.profile.username, alice.username);
    const chat = data.chats.find((c: { id: string }) => c.id === chatId);
    assert.deepEqual(
      chat.messages.map((m: { body: string }) => m.body),
      ["Hello from Alice"],
    );
  });

  it("deletes the account: signed out, 'Deleted account' on old messages for the others, the username kept", async () => {
    const page = alice.page;
    await openSettings(page);
    await page.getByRole("button", { name: "Delete my account" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    const confirm = dialog.getByRole("button", { name: "Delete for ever" });
    assert.equal(await confirm.isDisabled(), true, "nothing typed yet");
    await dialog.getByRole("textbox", { name: `Type your username, ${alice.username}, to confirm` }).fill(alice.username);
    await dialog.getByLabel("Your password").fill("not the password");
    await axeEverywhere(page, "delete-account");
    await confirm.click();
    await dialog.getByText("Wrong password").waitFor();
    await dialog.getByLabel("Your password").fill(alice.password);
    await confirm.click();
    // Signed out: the sign-in screen, and nothing of hers left in this browser's storage.
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => /outbox|draft/i.test(k))), []);

    await bob.page.goto(`/chats/${chatId}`);
    await bubbles(bob.page, "Hello from Alice").waitFor();
    await bob.page.locator(".group .sender", { hasText: "Deleted account" }).first().waitFor();
    assert.equal(await bob.page.locator(".group .sender", { hasText: alice.username }).count(), 0);
    await screenshot(bob.page, "deleted-account-history");

    // The name cannot be registered again.
    const { page: fresh } = await newPage(browser);
    await fresh.goto("/");
    await fresh.getByRole("button", { name: /create an account/i }).click();
    await fresh.locator("input[name=username]").fill(alice.username);
    await fresh.locator("input[name=password]").fill("another long password");
    await fresh.locator("form button[type=submit]").click();
    await fresh.getByText("This username is taken").waitFor();
  });

  it("ran without a CSP violation", () => {
    assert.deepEqual(cspViolations, []);
  });
});
