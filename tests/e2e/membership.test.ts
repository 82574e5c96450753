// Membership through the chat-info panel: invite links (made, copied, followed by someone
// signed out, revoked), what each role is offered, promotion, removal that the removed
// member sees at once, leaving as the owner, renaming, ownership transfer and deletion.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  baseURL,
  bubbles,
  contractWarnings,
  createChat,
  cspViolations,
  launch,
  newPage,
  openInfo,
  screenshot,
  send,
  setDisplayName,
  signUp,
  switchLanguage,
  uniqueName,
  type Person,
} from "./helpers.ts";

/** A new person who arrives at `path` signed out, signs up there, and stays on that page. */
async function signUpAt(browser: Browser, prefix: string, path: string, displayName: string): Promise<Person> {
  const { context, page } = await newPage(browser);
  const username = uniqueName(prefix);
  const password = `pw-${username}-long`;
  await page.goto(path);
  await page.getByText("Sign in to open the invitation.").waitFor();
  await page.getByRole("button", { name: /create an account/i }).click();
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=displayName]").fill(displayName);
  await page.locator("input[name=password]").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.locator(".sidebar .me").waitFor();
  return { username, password, context, page };
}

const panel = (page: Page) => page.locator("aside.info");
const row = (page: Page, name: string) => panel(page).locator(".member", { hasText: name });

async function memberAction(page: Page, name: string, action: string): Promise<void> {
  await row(page, name).getByRole("button", { name: `Actions for ${name}` }).click();
  await row(page, name).getByRole("button", { name: action }).click();
}

describe("membership through the chat-info panel", () => {
  let browser: Browser;
  let olga: Person;
  let pavel: Person;
  let quinn: Person;
  let chatId: string;
  let link: string;
  const chat = "Book club";

  before(async () => {
    browser = await launch();
    olga = await signUp(browser, "olga");
    await olga.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await setDisplayName(olga, "Olga");
  });

  after(async () => {
    await browser?.close();
  });

  it("makes an invite link that a signed-out person follows, signs up, joins and reads the history", async () => {
    chatId = await createChat(olga.page, chat);
    await send(olga.page, "first chapter by Friday");
    await bubbles(olga.page, "first chapter by Friday").waitFor();

    await openInfo(olga.page);
    await panel(olga.page).locator("input[name=linkUses]").fill("5");
    await panel(olga.page).getByRole("button", { name: "Create link" }).click();
    const url = panel(olga.page).locator(".link-url").first();
    await url.waitFor();
    link = await url.inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/join\/[A-Za-z0-9_-]{22}$/);
    await panel(olga.page).locator(".link-meta", { hasText: "never expires · 0 of 5 used" }).waitFor();
    await panel(olga.page).getByRole("button", { name: "Copy" }).click();
    await panel(olga.page).getByRole("button", { name: "Copied" }).waitFor();
    assert.equal(await olga.page.evaluate(() => navigator.clipboard.readText()), link);
    await screenshot(olga.page, "info-owner");

    pavel = await signUpAt(browser, "pavel", new URL(link).pathname, "Pavel");
    const card = pavel.page.locator(".join-card");
    await card.locator("h1", { hasText: chat }).waitFor();
    await card.getByText("1 member").waitFor();
    await screenshot(pavel.page, "join-page");
    await card.getByRole("button", { name: "Join chat" }).click();
    await pavel.page.waitForURL(`**/chats/${chatId}`);
    await bubbles(pavel.page, "first chapter by Friday").waitFor();
    await pavel.page.locator(".chat-item", { hasText: chat }).waitFor();
    await olga.page.locator(".system", { hasText: "Pavel joined the chat" }).waitFor();
    await olga.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
  });

  it("shows a plain member who is online, and no role or removal controls", async () => {
    quinn = await signUpAt(browser, "quinn", new URL(link).pathname, "Quinn");
    await quinn.page.getByRole("button", { name: "Join chat" }).click();
    await bubbles(quinn.page, "first chapter by Friday").waitFor();

    await openInfo(pavel.page);
    await panel(pavel.page).locator(".member").nth(2).waitFor();
    assert.equal(await panel(pavel.page).locator(".member").count(), 3);
    await row(pavel.page, "Olga").locator(".role-tag", { hasText: "owner" }).waitFor();
    await row(pavel.page, "Olga").locator(".member-sub", { hasText: "online" }).waitFor();
    await row(pavel.page, "Pavel").getByText("(you)").waitFor();
    assert.equal(await panel(pavel.page).locator(".member-more").count(), 0, "no member actions");
    assert.equal(await panel(pavel.page).getByRole("button", { name: /Remove|Make/ }).count(), 0);
    assert.equal(await panel(pavel.page).getByRole("heading", { name: "Invite links" }).count(), 0);
    assert.equal(await panel(pavel.page).locator("input[name=chatRename]").count(), 0);
    assert.equal(await panel(pavel.page).getByRole("button", { name: "Delete chat" }).count(), 0);
    await panel(pavel.page).getByRole("button", { name: "Leave chat" }).waitFor();
    await panel(pavel.page).getByRole("button", { name: "Add member" }).waitFor();
    await screenshot(pavel.page, "info-member");

    // The owner's list has every member, with actions on the others.
    await row(olga.page, "Quinn").waitFor();
    await row(olga.page, "Quinn").locator(".member-more").waitFor();
    assert.equal(await row(olga.page, "Olga").locator(".member-more").count(), 0, "none on oneself");
  });

  it("lets the owner make an admin, who may then remove members but not the owner", async () => {
    await memberAction(olga.page, "Pavel", "Make admin");
    await row(olga.page, "Pavel").locator(".role-tag", { hasText: "admin" }).waitFor();
    // Pavel's own panel follows his new role live (the inbox sends the changed chat).
    await panel(pavel.page).getByRole("heading", { name: "Invite links" }).waitFor();
    await panel(pavel.page).locator("input[name=chatRename]").waitFor();
    await row(pavel.page, "Quinn").locator(".member-more").waitFor();
    assert.equal(await row(pavel.page, "Olga").locator(".member-more").count(), 0, "an admin cannot touch the owner");
    await row(pavel.page, "Quinn").getByRole("button", { name: "Actions for Quinn" }).click();
    await row(pavel.page, "Quinn").getByRole("button", { name: "Remove from chat" }).waitFor();
    assert.equal(await row(pavel.page, "Quinn").getByRole("button", { name: /Make/ }).count(), 0, "only the owner changes roles");
    await screenshot(pavel.page, "info-admin");
  });

  it("removes a member, whose open chat says so within seconds and drops out of their list", async () => {
    await row(pavel.page, "Quinn").getByRole("button", { name: "Remove from chat" }).click();
    const dialog = pavel.page.locator("dialog.dialog[open]");
    await dialog.getByText("Remove Quinn from the chat?").waitFor();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await quinn.page.getByRole("heading", { name: "You are no longer a member of this chat" }).waitFor({ timeout: 5000 });
    await quinn.page.locator(".chat-item", { hasText: chat }).waitFor({ state: "detached", timeout: 5000 });
    await screenshot(quinn.page, "removed");
    await row(pavel.page, "Quinn").waitFor({ state: "detached" });
    await olga.page.locator(".system", { hasText: "Pavel removed Quinn" }).waitFor();
    await olga.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
  });

  it("tells the owner to hand ownership over before leaving", async () => {
    await panel(olga.page).getByRole("button", { name: "Leave chat" }).click();
    const dialog = olga.page.locator("dialog.dialog[open]");
    await dialog.getByRole("button", { name: "Leave" }).click();
    await dialog.locator(".form-error", { hasText: "You own this chat. Make another member the owner first" }).waitFor();
    await screenshot(olga.page, "owner-must-transfer");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await olga.page.locator(".chat-item", { hasText: chat }).waitFor();
  });

  it("renames the chat and makes it public; the others see the new name at once, in their language", async () => {
    await switchLanguage(pavel.page, "ru");
    await openInfo(pavel.page);
    const renamed = "Книжный клуб";
    await panel(olga.page).locator("input[name=chatRename]").fill(renamed);
    await panel(olga.page).getByRole("button", { name: "Save" }).click();
    await olga.page.locator(".chat-title", { hasText: renamed }).waitFor();
    await pavel.page.locator(".chat-title", { hasText: renamed }).waitFor();
    await pavel.page.locator(".chat-item .chat-item-name", { hasText: renamed }).waitFor();
    await pavel.page.locator(".system", { hasText: `Olga переименовывает чат в «${renamed}»` }).waitFor();
    await olga.page.locator(".system", { hasText: `Olga renamed the chat to “${renamed}”` }).waitFor();

    await panel(olga.page).locator("label.radio", { hasText: "Public chat" }).click();
    await panel(olga.page).locator(".info-card", { hasText: "Public chat" }).waitFor();
    await panel(pavel.page).locator(".info-card", { hasText: "Публичный чат" }).waitFor();
    await screenshot(pavel.page, "info-russian");
    await switchLanguage(pavel.page, "en");
    // Settings replaced the chat for a moment: the panel opens again for the tests after.
    await openInfo(pavel.page);
  });

  it("keeps the read ticks of one's messages after a reload", async () => {
    await send(olga.page, "did you read it?");
    await bubbles(pavel.page, "did you read it?").waitFor();
    const mine = olga.page.locator(".group.mine .bubble", { hasText: "did you read it?" });
    await mine.locator("[data-delivery=read]").waitFor();
    await olga.page.reload();
    await mine.locator("[data-delivery=read]").waitFor();
  });

  it("transfers ownership after asking, and the roles follow on both sides", async () => {
    await openInfo(olga.page);
    await memberAction(olga.page, "Pavel", "Make owner");
    const dialog = olga.page.locator("dialog.dialog[open]");
    await dialog.getByText("Make Pavel the owner?").waitFor();
    await screenshot(olga.page, "confirm-transfer");
    await dialog.getByRole("button", { name: "Make owner" }).click();
    await row(olga.page, "Pavel").locator(".role-tag", { hasText: "owner" }).waitFor();
    await row(olga.page, "Olga").locator(".role-tag", { hasText: "admin" }).waitFor();
    await panel(olga.page).getByRole("button", { name: "Delete chat" }).waitFor({ state: "detached" });
    await panel(pavel.page).getByRole("button", { name: "Delete chat" }).waitFor();
    await olga.page.locator(".system", { hasText: "Olga made Pavel the owner" }).waitFor();
  });

  it("revokes a link, and a revoked link explains itself", async () => {
    await panel(pavel.page).getByRole("button", { name: "Create link" }).click();
    await panel(pavel.page).locator(".link").nth(1).waitFor();
    const fresh = await panel(pavel.page).locator(".link-url").first().inputValue();
    assert.notEqual(fresh, link);
    // Newest first: the one just made is on top.
    await panel(pavel.page).locator(".link").first().getByRole("button", { name: "Revoke" }).click();
    await pavel.page.waitForFunction(() => document.querySelectorAll("aside.info .link").length === 1);
    assert.equal(await panel(pavel.page).locator(".link-url").first().inputValue(), link, "the other link stays");

    await quinn.page.goto(new URL(fresh).pathname);
    await quinn.page.getByRole("heading", { name: "This invite link no longer works" }).waitFor();
    await quinn.page.getByText("It may have expired, been revoked or used up.").waitFor();
    await screenshot(quinn.page, "join-gone");
  });

  it("deletes the chat for everyone after asking", async () => {
    await panel(pavel.page).getByRole("button", { name: "Delete chat" }).click();
    const dialog = pavel.page.locator("dialog.dialog[open]");
    await dialog.getByText("Every message and file is erased for everyone.").waitFor();
    await dialog.getByRole("button", { name: "Delete for everyone" }).click();
    await pavel.page.waitForURL((u) => u.pathname === "/");
    await pavel.page.locator(".chat-item", { hasText: "Книжный клуб" }).waitFor({ state: "detached" });
    await olga.page.getByRole("heading", { name: "This chat was deleted" }).waitFor({ timeout: 5000 });
    await olga.page.locator(".chat-item", { hasText: "Книжный клуб" }).waitFor({ state: "detached" });
    // Its links died with it.
    await quinn.page.goto(new URL(link).pathname);
    await quinn.page.getByRole("heading", { name: "This invite link no longer works" }).waitFor();
  });

  it("lays the panel out in the dark theme and on a phone", async () => {
    const id = await createChat(olga.page, "Layout check with a rather long chat name that must not break anything");
    const made = await olga.context.request.post(`/api/chats/${id}/links`, { data: { expiresInHours: 24 }, headers: { origin: baseURL } });
    const { link: own } = (await made.json()) as { link: { url: string } };
    for (const [name, options] of [
      ["info-dark", { colorScheme: "dark" as const }],
      ["info-phone", { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true }],
      ["info-phone-dark", { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, colorScheme: "dark" as const }],
    ] as const) {
      const { context, page } = await newPage(browser, options);
      await page.goto(`/chats/${id}`);
      await page.locator("input[name=username]").fill(olga.username);
      await page.locator("input[name=password]").fill(olga.password);
      await page.locator("form button[type=submit]").click();
      await page.locator(".chat-title").waitFor();
      await openInfo(page);
      await panel(page).locator(".link-meta", { hasText: "expires" }).waitFor();
      const box = await panel(page).boundingBox();
      const view = page.viewportSize()!;
      assert.ok(box && box.x >= 0 && box.x + box.width <= view.width + 1, `the panel fits the screen (${JSON.stringify(box)})`);
      await screenshot(page, name);
      // A link into a chat one is already in offers to open it.
      await page.goto(new URL(own.url).pathname);
      await page.locator(".join-card").getByRole("link", { name: "Open chat" }).waitFor();
      await screenshot(page, name.replace("info", "join"));
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
