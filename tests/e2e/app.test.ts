// The installable app in Chromium: the manifest and its icons, installability (DevTools
// protocol), the service worker controlling the page, a push shown by it and its click (the
// push delivered through the DevTools protocol: headless Chromium has no push service), the
// push switch where push cannot work, sign-out forgetting the user's caches and storage, the
// update prompt, and offline reading with the server stopped.
//
// This file starts a server of its own (scripts/lib/app-process.mjs, as scripts/e2e.mjs does,
// with its own state) because the offline test stops it: Playwright's setOffline does not
// cover a service worker's fetches, so a stopped server is the real test. Its log goes to
// test-results/app-server.log.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startAppProcess } from "../../scripts/lib/app-process.mjs";
import { freePort } from "../../scripts/lib/run.mjs";
import { axeProblems, createChat, launch, launchPersistent, screenshot, send, signUp, type Person } from "./helpers.ts";

const root = join(import.meta.dirname, "..", "..");

/**
 * scripts/start.mjs serving the dist/client already built: on a free port with a fresh state
 * dir, or again on the port and state of a server stopped with `keepState` (a restart).
 */
async function startServer(again?: { port: number; stateDir: string }): Promise<{ base: string; port: number; stateDir: string; stop: (opts?: { keepState?: boolean }) => Promise<void> }> {
  const port = again?.port ?? (await freePort());
  const stateDir = again?.stateDir ?? mkdtempSync(join(tmpdir(), "qm-app-"));
  const app = await startAppProcess({ port, stateDir, logFile: join(root, "test-results", "app-server.log"), append: again !== undefined, env: { RATE_LIMIT_SCALE: "100" } });
  let stopped = false;
  return {
    base: app.base,
    port,
    stateDir,
    stop: async ({ keepState = false } = {}) => {
      if (stopped) return;
      stopped = true;
      await app.stop();
      if (!keepState) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG signature");
  assert.equal(bytes.subarray(12, 16).toString("latin1"), "IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until `fn` (run in the page, possibly async: the Cache and Notification APIs are)
 * returns true, asking every 100 ms. */
async function until<A extends string | number | undefined>(page: Page, fn: (arg: A) => boolean | Promise<boolean>, arg: A, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(fn as (arg: unknown) => boolean | Promise<boolean>, arg))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the worker shows exactly `n` notifications. */
const notificationCount = (page: Page, n: number) =>
  until(page, async (want) => (await (await navigator.serviceWorker.ready).getNotifications()).length === want, n, `${n} notification(s)`);

/** Waits until a service worker controls the page (the first install claims it). */
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The cache names this origin has now. */
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** Notifications the service worker shows now. */
const shown = (page: Page) =>
  page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })));

async function api(context: BrowserContext, base: string, method: "post" | "get", path: string, data?: unknown) {
  const res = await context.request[method](`${base}${path}`, { data, headers: { origin: base } });
  if (!res.ok()) throw new Error(`${method} ${path}: HTTP ${res.status()} ${await res.text()}`);
  return res.json();
}

describe("the installable app", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  const swFile = join(root, "dist", "client", "sw.js");
  let swOriginal: string | null = null;

  const person = (prefix: string, extra: Parameters<typeof signUp>[2] = {}): Promise<Person> =>
    signUp(browser, prefix, { baseURL: base, serviceWorkers: "allow", ...extra });

  before(async () => {
    server = await startServer();
    base = server.base;
    browser = await launch();
  });

  after(async () => {
    if (swOriginal !== null) writeFileSync(swFile, swOriginal);
    await browser?.close();
    await server?.stop();
  });

  it("serves a manifest with the app's name, colours and icons of the sizes it claims, and Chromium finds the app installable", async () => {
    const res = await fetch(`${base}/manifest.webmanifest`);
    assert.equal(res.status, 200);
    const manifest = (await res.json()) as { name: string; short_name: string; display: string; start_url: string; scope: string; theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string; purpose: string }[] };
    assert.equal(manifest.name, "qmessenger");
    assert.equal(manifest.short_name, "qmessenger");
    assert.equal(manifest.display, "standalone");
    assert.equal(manifest.start_url, "/");
    assert.equal(manifest.scope, "/");
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
    const purposes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort();
    assert.deepEqual(purposes, ["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of manifest.icons) {
      const r = await fetch(`${base}${icon.src}`);
      assert.equal(r.status, 200, icon.src);
      assert.equal(r.headers.get("content-type"), "image/png");
      const { width, height } = pngSize(Buffer.from(await r.arrayBuffer()));
      assert.equal(`${width}x${height}`, icon.sizes, icon.src);
    }
    // The worker's script: JavaScript, never kept by the HTTP cache without asking.
    const sw = await fetch(`${base}/sw.js`);
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get("content-type") ?? "", /javascript/);
    assert.match(sw.headers.get("cache-control") ?? "", /no-cache/);

    // Chromium never calls an app installable in an incognito-like context: a real profile.
    const profile = mkdtempSync(join(tmpdir(), "qm-profile-"));
    const context = await launchPersistent(profile, { baseURL: base, serviceWorkers: "allow" });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto("/");
      await controlled(page);
      await page.reload();
      await controlled(page);
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${base}/sw.js`);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: unknown[] };
      assert.deepEqual(installabilityErrors, []);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it("shows a pushed message as a notification tagged chat:seq and opens its chat on click", async () => {
    const p = await person("push", { permissions: ["notifications"] });
    const { chat: team } = await api(p.context, base, "post", "/api/chats", { name: "Team" });
      await controlled(p.page);

    const cdp = await p.context.newCDPSession(p.page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
        const r = registrations.find((x) => x.scopeURL === `${base}/` && !x.isDeleted);
        if (r) resolve(r.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const id = await registrationId;
    // The server's push payload (docs/api.md, Web Push).
    const deliver = (chatId: string, title: string, seq: number, body: string) =>
      cdp.send("ServiceWorker.deliverPushMessage", { origin: base, registrationId: id, data: JSON.stringify({ chatId, title, sender: "Bob", body, seq, unread: 1, mention: false }) });

    await deliver(team.id, "Team", 5, "lunch at noon?");
    await notificationCount(p.page, 1);
    assert.deepEqual(await shown(p.page), [{ title: "Bob · Team", body: "lunch at noon?", tag: `${team.id}:5` }]);

    // Chromium's DevTools protocol cannot click a notification: the page asks the worker to
    // run its click handler's code for that notification (web/sw/sw.ts openNotification).
    await p.page.evaluate((tag) => navigator.serviceWorker.controller!.postMessage({ type: "openNotification", tag }), `${team.id}:5`);
    await p.page.waitForURL(`**/chats/${team.id}`);
    await p.page.locator(".chat-title", { hasText: "Team" }).waitFor();
    await notificationCount(p.page, 0);

    // Not asserted here: that a window showing the chat gets no notification. In headless
    // Chromium the worker showed it anyway (the window's WindowClient did not count as
    // focused or visible on that chat); the rule itself is unit-tested (chatOnScreen), and
    // the server sends no push while a tab has its inbox socket open.
    await p.context.close();
  });

  it("says push is not available where subscribing fails (headless Chromium has no push service) and leaves the switch off", async () => {
    const p = await person("nopush", { permissions: ["notifications"] });
    await controlled(p.page);
    await p.page.goto(`${base}/settings`);
    const push = p.page.getByRole("switch", { name: "Push notifications on this device" });
    assert.equal(await push.isChecked(), false);
    await push.click();
    await p.page.getByText("Push is not available in this browser.").waitFor();
    assert.equal(await push.isChecked(), false);
    assert.equal(await push.isDisabled(), true);
    assert.deepEqual(await axeProblems(p.page), []);
    await screenshot(p.page, "app-push-unavailable");
    await p.context.close();
  });

  it("forgets the user's cached chats, drafts and switches on this device at sign-out", async () => {
    const p = await person("leave");
    await controlled(p.page);
    const me = (await api(p.context, base, "get", "/api/me")).user.id as string;
    const chatId = await createChat(p.page, "Left behind");
    await send(p.page, "in the cache");
    await p.page.locator(".bubble .text", { hasText: "in the cache" }).waitFor();
    await p.page.reload();
    await p.page.locator(".bubble .text", { hasText: "in the cache" }).waitFor();
    await p.page.locator("textarea[name=message]").fill("a draft nobody else may read");
    await until(p.page, (key) => localStorage.getItem(key) !== null, `qm.draft.${me}.${chatId}`, "the draft stored");
    await until(p.page, async (name) => (await caches.has(name)) && (await (await caches.open(name)).keys()).some((r) => r.url.includes("/messages")), `qm-data-${me}`, "the chat's latest page in the user's cache");

    await p.page.getByRole("button", { name: "Sign out" }).click();
    await p.page.locator("input[name=username]").waitFor();
    await until(p.page, async () => !(await caches.keys()).some((n) => n.startsWith("qm-data-") || n === "qm-meta"), undefined, "the user's caches deleted");
    const left = await p.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("qm.draft.") || k.startsWith("qm.outbox.") || k.startsWith("qm:")));
    assert.deepEqual(left, []);
    // The app shell (public build files, nobody's data) stays for the next person.
    assert.ok((await cacheNames(p.page)).some((n) => n.startsWith("qm-shell-")));
    await p.context.close();
  });

  it("offers a new version when the worker changes, and Reload switches to it", async () => {
    const p = await person("upd");
    await controlled(p.page);
    const first = await p.page.evaluate(async () => (await navigator.serviceWorker.ready).active!.scriptURL);
    assert.equal(first, `${base}/sw.js`);
    // A new deploy: different worker bytes (the build puts its files' hash in them).
    swOriginal = readFileSync(swFile, "utf8");
    writeFileSync(swFile, `${swOriginal}\n// a newer deploy\n`);
    // wrangler dev serves the changed file once it has seen it; the tab asks again until then.
    const prompt = p.page.getByRole("status").filter({ hasText: "A new version is available" });
    await until(
      p.page,
      async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        await reg?.update().catch(() => {});
        return !!reg?.waiting;
      },
      undefined,
      "a new worker waiting",
      30_000,
    );
    await prompt.waitFor();
    for (const scheme of ["light", "dark"] as const) {
      await p.page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await axeProblems(p.page), [], scheme);
    }
    await p.page.emulateMedia({ colorScheme: "light" });
    await screenshot(p.page, "app-update-prompt");
    await p.page.evaluate(() => ((window as unknown as { __before: boolean }).__before = true));
    const reloaded = p.page.waitForEvent("load");
    await prompt.getByRole("button", { name: "Reload" }).click();
    await reloaded;
    await p.page.locator(".sidebar .me").waitFor();
    assert.equal(await p.page.evaluate(() => (window as unknown as { __before?: boolean }).__before), undefined, "the tab reloaded");
    const reg = await p.page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r?.waiting !== null, active: r?.active?.state };
    });
    assert.deepEqual(reg, { waiting: false, active: "activated" });
    assert.equal(await prompt.count(), 0);
    writeFileSync(swFile, swOriginal);
    swOriginal = null;
    await p.context.close();
  });

  it("with the server stopped, a reload shows the cached chat list and the chat's latest page under an Offline banner; a message written then is sent once the server is back", async () => {
    const p = await person("away");
    await controlled(p.page);
    const me = (await api(p.context, base, "get", "/api/me")).user.id as string;
    await createChat(p.page, "Read offline");
    await send(p.page, "kept for the road");
    await p.page.locator(".bubble .text", { hasText: "kept for the road" }).waitFor();
    // Reloaded under the worker: it learns who is signed in and keeps the chat's reads.
    await p.page.reload();
    await p.page.locator(".bubble .text", { hasText: "kept for the road" }).waitFor();
    await until(p.page, async (name) => (await caches.has(name)) && (await (await caches.open(name)).keys()).some((r) => r.url.includes("/messages")), `qm-data-${me}`, "the chat's latest page in the user's cache");

    const chatId = new URL(p.page.url()).pathname.split("/").pop()!;
    const stopped = { port: server.port, stateDir: server.stateDir };
    await server.stop({ keepState: true });
    await p.page.reload();
    await p.page.getByRole("status").filter({ hasText: "Offline" }).waitFor();
    await p.page.locator(".chat-item", { hasText: "Read offline" }).waitFor();
    await p.page.locator(".bubble .text", { hasText: "kept for the road" }).waitFor();
    await p.page.getByText("what you write is sent when the connection is back").waitFor();

    for (const size of [{ width: 1200, height: 760 }, { width: 360, height: 740 }]) {
      await p.page.setViewportSize(size);
      for (const scheme of ["light", "dark"] as const) {
        await p.page.emulateMedia({ colorScheme: scheme });
        assert.deepEqual(await axeProblems(p.page), [], `${scheme} ${size.width}px`);
        await screenshot(p.page, `app-offline-${scheme}-${size.width}`);
      }
    }

    // Written while the server is down: it waits, marked as sending, and goes out once.
    await p.page.setViewportSize({ width: 1200, height: 760 });
    await send(p.page, "written while the server was down");
    const pending = p.page.locator(".bubble.sending", { hasText: "written while the server was down" });
    await pending.waitFor();
    server = await startServer(stopped);
    await p.page.getByRole("status").filter({ hasText: "Offline" }).waitFor({ state: "detached", timeout: 30_000 });
    await pending.waitFor({ state: "detached", timeout: 30_000 });
    await p.page.locator(".bubble:not(.sending)", { hasText: "written while the server was down" }).waitFor();
    const page = (await api(p.context, base, "get", `/api/chats/${chatId}/messages`)) as { messages: { kind: string; body: string }[] };
    assert.deepEqual(
      page.messages.filter((m) => m.kind === "text").map((m) => m.body),
      ["kept for the road", "written while the server was down"],
      "stored once, after what was there",
    );
    await p.context.close();
  });
});
