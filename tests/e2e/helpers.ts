// Shared by the end-to-end tests: one Chromium per test file, one browser context per user
// (separate cookies, separate sockets), sign-up through the real UI, screenshots.
// Run by scripts/e2e.mjs, which starts the server and sets QM_E2E_BASE_URL.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const baseURL = process.env.QM_E2E_BASE_URL ?? "http://127.0.0.1:8787";
const executablePath = process.env.QM_CHROMIUM ?? "/usr/bin/chromium";
const shots = join(import.meta.dirname, "..", "..", "test-results", "screenshots");

/** Chromium's flags: every background call home switched off. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

/** Debian's Chromium, headless. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs });
}

/** Debian's Chromium with a profile on disk (a fresh `userDataDir`): what Chromium needs before
 * it calls an app installable (never in an incognito-like context). */
export function launchPersistent(userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: chromiumArgs, baseURL, locale: "en-US", ...options });
}

export interface Person {
  username: string;
  password: string;
  context: BrowserContext;
  page: Page;
}

let counter = 0;
/** Usernames unique per run, so a file can be re-run against a server that is still up. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36).slice(-5)}${counter}`;
}

/** Console reports of anything the Content-Security-Policy blocked, in any page of this run. */
export const cspViolations: string[] = [];
/** The app's warnings about a response or frame that did not match the shared schemas. */
export const contractWarnings: string[] = [];

/** Service workers are blocked unless a test asks for them (`serviceWorkers: "allow"`, as
 * tests/e2e/app.test.ts does): Playwright's page.route and setOffline do not see a worker's
 * own fetches, and the other files test the app's behaviour, not its offline cache. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "en-US", viewport: { width: 1200, height: 760 }, serviceWorkers: "block", ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on("pageerror", (err) => console.error(`[page error] ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && msg.text().includes("Content Security Policy")) cspViolations.push(msg.text());
    if (/outside the (contract|protocol)/.test(msg.text())) contractWarnings.push(msg.text());
  });
  return { context, page };
}

/** Signs a new user up through the UI and waits for the main screen. */
export async function signUp(browser: Browser, prefix: string, options: BrowserContextOptions = {}): Promise<Person> {
  const { context, page } = await newPage(browser, options);
  const username = uniqueName(prefix);
  const password = `pw-${username}-long`;
  await page.goto("/");
  await page.getByRole("button", { name: /create an account|зарегистрируйтесь/i }).click();
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=password]").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.locator(".sidebar .me").waitFor();
  return { username, password, context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** Creates a chat through the "new chat" dialog; returns its id from the address bar. */
export async function createChat(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: /new chat|новый чат/i }).click();
  // Typed straight away: the dialog must put the caret in the name field, and Enter submits.
  await page.locator("input[name=chatName]").waitFor();
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/chats\/[^/]+$/);
  await page.locator(".chat-title", { hasText: name }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.locator("textarea[name=message]");
  await box.fill(text);
  await box.press("Enter");
}

/** The bubbles whose whole text (the message, without the time) equals `text`. */
export function bubbles(page: Page, text: string) {
  return page.locator(".bubble .text").filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Messages of a chat as the API has them (with the context's session cookie). */
export async function history(context: BrowserContext, chatId: string): Promise<{ seq: number; body: string; clientId: string | null }[]> {
  const res = await context.request.get(`/api/chats/${encodeURIComponent(chatId)}/messages?limit=100`);
  if (!res.ok()) throw new Error(`history: HTTP ${res.status()}`);
  return ((await res.json()) as { messages: { seq: number; body: string; clientId: string | null }[] }).messages;
}

/** Posts a message over HTTP, as another client of the same user would. */
export async function postMessage(context: BrowserContext, chatId: string, body: string): Promise<void> {
  const res = await context.request.post(`/api/chats/${encodeURIComponent(chatId)}/messages`, {
    data: { clientId: crypto.randomUUID(), body },
    headers: { origin: baseURL },
  });
  if (!res.ok()) throw new Error(`post message: HTTP ${res.status()} ${await res.text()}`);
}

/** The signed-in user's id, as the API knows it. */
export async function userId(context: BrowserContext): Promise<string> {
  const res = await context.request.get("/api/me");
  return ((await res.json()) as { user: { id: string } }).user.id;
}

/** Gives a user a display name other than their username, and reloads so the app shows it. */
export async function setDisplayName(p: Person, displayName: string): Promise<void> {
  const res = await p.context.request.patch("/api/me", { data: { displayName }, headers: { origin: baseURL } });
  if (!res.ok()) throw new Error(`set display name: HTTP ${res.status()}`);
  await p.page.reload();
  await p.page.locator(".sidebar .me", { hasText: displayName }).waitFor();
}

/** Switches the app's language where people do it, in Settings, then goes back to the page
 * it was on (the settings button is in the sidebar: a desktop-sized page). */
export async function switchLanguage(page: Page, lang: "en" | "ru"): Promise<void> {
  await page.getByRole("button", { name: /^(Settings|Настройки)/ }).click();
  await page.getByLabel(/^(Language|Язык)$/).first().selectOption(lang);
  await page.goBack();
  await page.locator(".settings").waitFor({ state: "detached" });
}

/** Opens the chat-info panel from the chat header (it loads lazily). */
export async function openInfo(page: Page): Promise<void> {
  const button = page.locator(".chat-head button[aria-controls=chat-info]");
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  await page.locator("aside.info .info-scroll").waitFor();
}

/** axe-core's serious and critical findings on the page as it is now (injected with evaluate,
 * which the app's CSP does not govern), as "rule: target" lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  const source = readFileSync(join(import.meta.dirname, "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8");
  await page.evaluate(source);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  });
  return found;
}

/** An API call as `p` (its cookies, the app's origin): the status and the parsed body, for
 * tests that assert refusals as well as successes. */
export async function apiAs<T = any>(p: Person | BrowserContext, method: string, path: string, data?: unknown): Promise<{ status: number; body: T }> {
  const context = "page" in p ? p.context : p;
  const res = await context.request.fetch(path, { method: method.toUpperCase(), data, headers: { origin: baseURL } });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : null) as T };
}

/** An API call that must succeed (set-up a test does faster than a person would): the parsed
 * body; anything but 2xx throws with the status and the answer. */
export async function api<T = any>(p: Person | BrowserContext, method: string, path: string, data?: unknown): Promise<T> {
  const { status, body } = await apiAs<T>(p, method, path, data);
  if (status < 200 || status > 299) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

/** axe on the page as it is, in both themes, desktop and phone, with a screenshot of each;
 * leaves the page at the system theme and desktop size. */
export async function axeEverywhere(page: Page, what: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const viewport of [{ width: 1200, height: 760 }, { width: 360, height: 740 }]) {
      await page.setViewportSize(viewport);
      const problems = await axeProblems(page);
      await screenshot(page, `${what}-${colorScheme}-${viewport.width}`);
      if (problems.length) throw new Error(`${what}: ${colorScheme} ${viewport.width}px: ${problems.join("; ")}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1200, height: 760 });
}
