// Two people in two browser contexts: create a chat, invite, accept, talk live, survive a
// reload and a lost connection without losing or doubling a message, and never execute
// what someone typed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { baseURL, bubbles, contractWarnings, createChat, cspViolations, history, launch, screenshot, send, signUp, switchLanguage, type Person } from "./helpers.ts";

describe("two people chatting", () => {
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let chatId: string;
  const chatName = `Team ${Date.now().toString(36).slice(-4)}`;

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, "alice");
    bob = await signUp(browser, "bob");
  });

  after(async () => {
    await browser?.close();
  });

  it("creates a chat that opens at its own address with one member", async () => {
    await screenshot(alice.page, "main-empty");
    chatId = await createChat(alice.page, chatName);
    await alice.page.locator(".chat-status", { hasText: "1 member" }).waitFor();
    await alice.page.locator(".chat-item.active", { hasText: chatName }).waitFor();
  });

  it("shows an invitation to the invitee without a reload", async () => {
    await alice.page.getByRole("button", { name: "Invite" }).click();
    await alice.page.locator("input[name=inviteUsername]").fill(bob.username);
    await alice.page.getByRole("button", { name: "Send invitation" }).click();
    await alice.page.locator(".dialog .form-ok", { hasText: bob.username }).waitFor();
    await screenshot(alice.page, "invite-dialog");
    await alice.page.getByRole("button", { name: "Close" }).first().click();

    const card = bob.page.locator(".invites .invite", { hasText: chatName });
    await card.waitFor();
    await screenshot(bob.page, "invitation");
  });

  it("opens the chat for the invitee who accepts, and both see two members", async () => {
    await bob.page.locator(".invites .invite", { hasText: chatName }).getByRole("button", { name: "Accept" }).click();
    await bob.page.waitForURL(`**/chats/${chatId}`);
    await bob.page.locator(".chat-title", { hasText: chatName }).waitFor();
    await bob.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await alice.page.locator(".system", { hasText: "joined" }).waitFor();
  });

  it("delivers messages both ways live, own messages on the other side", async () => {
    await send(alice.page, "Hello Bob!");
    await bubbles(bob.page, "Hello Bob!").waitFor();
    await alice.page.locator(".group.mine .bubble", { hasText: "Hello Bob!" }).locator("[data-delivery=sent], [data-delivery=read]").waitFor();

    const box = bob.page.locator("textarea[name=message]");
    await box.pressSequentially("Hi Alice");
    await box.press("Shift+Enter");
    await box.pressSequentially("two lines");
    await box.press("Enter");
    await bubbles(alice.page, "Hi Alice\ntwo lines").waitFor();
    assert.equal(await box.inputValue(), "", "the composer is cleared after sending");
    assert.equal(await bob.page.locator(".group.mine .bubble", { hasText: "Hi Alice" }).count(), 1);
    assert.equal(await alice.page.locator(".group:not(.mine) .bubble", { hasText: "Hi Alice" }).count(), 1);
    await screenshot(alice.page, "chat-desktop");
  });

  it("shows who is typing", async () => {
    // Typed like a person (about 3 s), so the 3-second typing throttle is part of the test.
    const typed = bob.page.locator("textarea[name=message]").pressSequentially("still thinking about it", { delay: 130 });
    await alice.page.locator(".chat-status", { hasText: `${bob.username} is typing` }).waitFor();
    await typed;
    await bob.page.locator("textarea[name=message]").fill("");
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor({ timeout: 9000 });
  });

  it("keeps the history after a reload, in order", async () => {
    await alice.page.reload();
    await bubbles(alice.page, "Hello Bob!").waitFor();
    const texts = await alice.page.locator(".bubble .text").allInnerTexts();
    assert.deepEqual(
      texts.filter((t) => t === "Hello Bob!" || t.startsWith("Hi Alice")),
      ["Hello Bob!", "Hi Alice\ntwo lines"],
    );
  });

  it("sends a message typed while offline exactly once when the network is back", async () => {
    const text = `written offline ${Date.now()}`;
    const mine = alice.page.locator(".group.mine .bubble", { hasText: text });
    await alice.context.setOffline(true);
    try {
      await alice.page.locator(".chat-status", { hasText: "Connecting…" }).waitFor();
      await send(alice.page, text);
      await mine.locator("[data-delivery=sending]").waitFor();
      await screenshot(alice.page, "offline-sending");
      await bob.page.waitForTimeout(500);
      assert.equal(await bubbles(bob.page, text).count(), 0, "nothing leaves while offline");
    } finally {
      await alice.context.setOffline(false);
    }
    await bubbles(bob.page, text).waitFor();
    await mine.locator("[data-delivery=sent], [data-delivery=read]").waitFor();
    await bob.page.waitForTimeout(500);
    assert.equal(await bubbles(bob.page, text).count(), 1, "the receiver sees it once");
    assert.equal(await bubbles(alice.page, text).count(), 1, "the sender sees it once");
    const stored = (await history(bob.context, chatId)).filter((m) => m.body === text);
    assert.equal(stored.length, 1, "the history has it once");
  });

  it("does not post twice a message whose acknowledgement was lost with the socket", async () => {
    const text = `ack lost ${Date.now()}`;
    let drop = true;
    // Let the send reach the room, then cut the socket before the ack comes back.
    await alice.page.routeWebSocket(/\/api\/chats\/[^/]+\/ws/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((data) => {
        server.send(data);
        if (drop && typeof data === "string" && data.includes('"send"')) {
          drop = false;
          server.onMessage(() => undefined);
          setTimeout(() => ws.close({ code: 4000, reason: "test drop" }), 50);
        }
      });
    });
    await alice.page.reload();
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await send(alice.page, text);
    await bubbles(bob.page, text).waitFor();
    await alice.page.locator(".group.mine .bubble", { hasText: text }).locator("[data-delivery=sent], [data-delivery=read]").waitFor();
    await bob.page.waitForTimeout(500);
    assert.equal(await bubbles(bob.page, text).count(), 1);
    assert.equal(await bubbles(alice.page, text).count(), 1);
    assert.equal((await history(alice.context, chatId)).filter((m) => m.body === text).length, 1);
    assert.equal(drop, false, "the socket was cut after the send");
    await alice.page.unrouteAll();
  });

  it("marks a refused message as not sent, and sends it when the user retries", async () => {
    const text = `refused once ${Date.now()}`;
    let refuse = true;
    // The room answers the first send with an error frame, as it does over a rate limit.
    await alice.page.routeWebSocket(/\/api\/chats\/[^/]+\/ws/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((data) => {
        if (refuse && typeof data === "string" && data.includes('"send"')) {
          refuse = false;
          const { clientId } = JSON.parse(data) as { clientId: string };
          ws.send(JSON.stringify({ type: "error", code: "rate_limited", message: "slow down", clientId }));
          return;
        }
        server.send(data);
      });
    });
    await alice.page.reload();
    await alice.page.locator(".chat-status", { hasText: "2 members" }).waitFor();
    await send(alice.page, text);
    const mine = alice.page.locator(".group.mine .bubble", { hasText: text });
    await mine.locator("[data-delivery=failed]").waitFor();
    await screenshot(alice.page, "message-failed");
    assert.equal(await bubbles(bob.page, text).count(), 0);
    await mine.getByRole("button", { name: /Retry/ }).click();
    await bubbles(bob.page, text).waitFor();
    await mine.locator("[data-delivery=sent], [data-delivery=read]").waitFor();
    assert.equal((await history(bob.context, chatId)).filter((m) => m.body === text).length, 1);
    await alice.page.unrouteAll();
  });

  it("shows HTML in a message as text and never runs it", async () => {
    const attack = "<img src=x onerror=window.__xss=1>";
    await send(alice.page, attack);
    const shown = bubbles(bob.page, attack);
    await shown.waitFor();
    assert.equal(await shown.innerText(), attack);
    assert.equal(await bob.page.locator(".bubble img").count(), 0);
    await bob.page.reload();
    await bubbles(bob.page, attack).waitFor();
    for (const p of [alice.page, bob.page]) {
      assert.equal(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    }
  });

  it("makes links clickable anchors that open safely in a new tab", async () => {
    await send(bob.page, "docs at https://example.com/a?b=1. thanks");
    const link = alice.page.locator(".bubble a", { hasText: "https://example.com/a?b=1" });
    await link.waitFor();
    assert.equal(await link.getAttribute("href"), "https://example.com/a?b=1");
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
  });

  it("switches to Russian, with Russian plurals, and remembers it after a reload", async () => {
    await switchLanguage(bob.page, "ru");
    await bob.page.locator(".chat-status", { hasText: "2 участника" }).waitFor();
    await bob.page.getByPlaceholder("Поиск чатов").waitFor();
    await bob.page.getByRole("button", { name: "Выйти" }).waitFor();
    assert.equal(await bob.page.evaluate(() => document.documentElement.lang), "ru");
    await bob.page.reload();
    await bob.page.locator(".chat-status", { hasText: "2 участника" }).waitFor();
    await bob.page.getByPlaceholder("Сообщение").waitFor();
    await screenshot(bob.page, "chat-russian");
  });

  it("tells a member who was removed, at once, and drops the chat from their list", async () => {
    const me = (await (await bob.context.request.get("/api/me")).json()) as { user: { id: string } };
    const res = await alice.context.request.delete(`/api/chats/${chatId}/members/${me.user.id}`, { headers: { origin: baseURL } });
    assert.equal(res.status(), 204);
    // Bob switched to Russian in the previous test.
    await bob.page.getByRole("heading", { name: "Вы больше не участник этого чата" }).waitFor();
    await bob.page.locator(".chat-item", { hasText: chatName }).waitFor({ state: "detached" });
    await alice.page.locator(".chat-status", { hasText: "1 member" }).waitFor();
  });

  it("ran all of the above without the Content-Security-Policy blocking anything", () => {
    assert.deepEqual(cspViolations, []);
  });

  it("got only responses and frames that match the shared protocol schemas", () => {
    assert.deepEqual(contractWarnings, []);
  });
});
