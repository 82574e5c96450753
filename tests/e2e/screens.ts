// The app's screens for the tests and the README's screenshots: one shared seed (two people,
// a group chat with a conversation, a reaction and a photo, an empty chat and a long one) made
// over the API, and every screen as a way to open it. screens.test.ts checks each one;
// readme-screenshots.ts photographs some of them for docs/screenshots/.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { api, baseURL, newPage, uniqueName } from "./helpers.ts";

export const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
export type Size = keyof typeof sizes;
export const themes = ["light", "dark"] as const;

export interface Seed {
  chatId: string;
  /** A chat with no messages yet. */
  emptyId: string;
  /** A chat with a history longer than a screen. */
  longId: string;
  username: string;
}

export interface Screen {
  name: string;
  /** Shown to someone who is not signed in. */
  signedOut?: boolean;
  /** Brings `page` (already on the app) to the screen and waits until it is drawn. */
  open: (page: Page, seed: Seed) => Promise<void>;
}

export async function openChat(page: Page, seed: Seed): Promise<void> {
  await page.goto(`/chats/${seed.chatId}`);
  await page.locator(".bubble[data-seq]", { hasText: "the station at 9" }).waitFor();
  await page.locator(".chat-status", { hasText: /members/ }).waitFor();
  // The photo drawn, not its placeholder.
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>(".bubble img")).every((img) => img.complete && img.naturalWidth > 0));
}

/** What the page's outline says: rendered h1 texts, and whether the chat sits in `main`. */
export function outline(page: Page): Promise<{ h1: string[]; chatOutsideMain: boolean }> {
  return page.evaluate(() => ({
    h1: Array.from(document.querySelectorAll("h1")).filter((h) => h.checkVisibility()).map((h) => h.textContent ?? ""),
    chatOutsideMain: !!document.querySelector(".chat") && !document.querySelector("main .chat"),
  }));
}

/** Every screen. Dialogs are opened over the screen they belong to. */
export const screens: Screen[] = [
  {
    name: "sign-in",
    signedOut: true,
    open: async (page) => {
      await page.goto("/");
      await page.getByRole("button", { name: "Sign in" }).waitFor();
    },
  },
  {
    name: "chat-list",
    open: async (page) => {
      await page.goto("/");
      await page.locator(".chat-item", { hasText: "Weekend trip" }).waitFor();
    },
  },
  { name: "chat", open: openChat },
  {
    name: "empty-chat",
    open: async (page, seed) => {
      await page.goto(`/chats/${seed.emptyId}`);
      await page.getByText("No messages yet. Say hello!").waitFor();
    },
  },
  {
    name: "chat-info",
    open: async (page, seed) => {
      await openChat(page, seed);
      await page.getByRole("button", { name: "Chat info" }).click();
      await page.locator("aside.info .info-scroll").waitFor();
      await page.locator("aside.info .member").first().waitFor();
    },
  },
  {
    name: "search-results",
    open: async (page) => {
      await page.goto("/");
      await page.getByRole("searchbox", { name: "Search chats" }).fill("trip");
      await page.locator(".results", { hasText: "Weekend trip" }).first().waitFor();
      await page.locator(".message-results .result").first().waitFor();
    },
  },
  {
    name: "media-viewer",
    open: async (page, seed) => {
      await openChat(page, seed);
      await page.getByRole("button", { name: "Open photo lake.png" }).click();
      await page.getByRole("dialog", { name: /Photo 1 of 1/ }).getByRole("img", { name: "lake.png" }).waitFor();
    },
  },
  {
    name: "new-chat-dialog",
    open: async (page) => {
      await page.goto("/");
      await page.locator(".chat-item").first().waitFor();
      await page.getByRole("button", { name: "New chat" }).click();
      await page.getByRole("dialog", { name: "New chat" }).waitFor();
    },
  },
  {
    name: "invite-dialog",
    open: async (page, seed) => {
      await openChat(page, seed);
      await page.getByRole("button", { name: "Invite", exact: true }).click();
      await page.getByRole("dialog", { name: /Invite/ }).waitFor();
    },
  },
  {
    name: "message-menu",
    open: async (page, seed) => {
      await openChat(page, seed);
      await page.locator(".bubble[data-seq]", { hasText: "the station at 9" }).click({ button: "right" });
      await page.getByRole("menu", { name: "Message actions" }).waitFor();
    },
  },
  {
    name: "confirm-dialog",
    open: async (page, seed) => {
      await openChat(page, seed);
      await page.locator(".bubble[data-seq]", { hasText: "Bring warm clothes" }).click({ button: "right" });
      await page.getByRole("menu", { name: "Message actions" }).getByRole("menuitem", { name: "Delete" }).click();
      await page.getByRole("dialog", { name: "Delete this message?" }).waitFor();
    },
  },
  {
    name: "settings",
    open: async (page) => {
      await page.goto("/settings");
      await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
      await page.getByRole("heading", { name: "Signed-in devices" }).waitFor();
    },
  },
  {
    name: "profile-card",
    open: async (page, seed) => {
      await openChat(page, seed);
      await page.getByRole("button", { name: "Chat info" }).click();
      await page.getByRole("button", { name: /^Bob Lindqvist\b.*, profile$/ }).click();
      await page.getByRole("dialog", { name: "Profile" }).waitFor();
    },
  },
  {
    name: "delete-account-dialog",
    open: async (page) => {
      await page.goto("/settings");
      await page.getByRole("button", { name: "Delete my account" }).click();
      await page.getByRole("dialog", { name: "Delete your account?" }).waitFor();
    },
  },
];

/** Controls smaller than 44x44 CSS px (a link inside a sentence aside; a radio or checkbox is
 * measured by its label, which takes the tap). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>("button, a[href], input:not([type=hidden]), select, textarea, [role=menuitem], [role=button], summary");
    // Behind a modal dialog nothing can be touched.
    const modal = document.querySelector("dialog:modal");
    return Array.from(controls)
      .filter((el) => el.checkVisibility() && !el.closest(".text, [inert]") && (!modal || modal.contains(el)))
      .map((el) => {
        const target = el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") ? (el.closest("label") ?? el) : el;
        const r = target.getBoundingClientRect();
        return { el, r };
      })
      .filter(({ r }) => r.width > 1 && r.height > 1 && (r.width < 43.5 || r.height < 43.5))
      .map(({ el, r }) => `${el.tagName.toLowerCase()}.${el.className} "${el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  });
}

/** A PNG drawn on a canvas in `page`. */
export async function picture(page: Page, width: number, height: number): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ({ width, height }) => {
      const c = document.createElement("canvas");
      c.width = width;
      c.height = height;
      const g = c.getContext("2d")!;
      const sky = g.createLinearGradient(0, 0, 0, height);
      sky.addColorStop(0, "#8ec5ff");
      sky.addColorStop(1, "#e8f3ff");
      g.fillStyle = sky;
      g.fillRect(0, 0, width, height);
      g.fillStyle = "#2f6f4f";
      g.beginPath();
      g.moveTo(0, height * 0.7);
      g.lineTo(width * 0.35, height * 0.3);
      g.lineTo(width * 0.6, height * 0.6);
      g.lineTo(width * 0.8, height * 0.4);
      g.lineTo(width, height * 0.7);
      g.lineTo(width, height);
      g.lineTo(0, height);
      g.fill();
      g.fillStyle = "#3a7bd5";
      g.fillRect(0, height * 0.8, width, height * 0.2);
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), "image/png"));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = "";
      for (const x of bytes) s += String.fromCharCode(x);
      return btoa(s);
    },
    { width, height },
  );
  return Buffer.from(b64, "base64");
}

/** Two people, a group chat with a conversation and a photo, and a second chat. */
export async function seed(browser: Browser): Promise<{ seed: Seed; password: string }> {
  const { context: a, page } = await newPage(browser);
  const { context: b } = await newPage(browser);
  const alice = uniqueName("alice");
  const bob = uniqueName("bob");
  const password = "correct horse battery";
  await api(a, "POST", "/api/auth/register", { username: alice, password, displayName: "Alice Moreau" });
  await api(b, "POST", "/api/auth/register", { username: bob, password, displayName: "Bob Lindqvist" });
  const { chat } = await api<{ chat: { id: string } }>(a, "POST", "/api/chats", { name: "Weekend trip", visibility: "public" });
  const { chat: empty } = await api<{ chat: { id: string } }>(a, "POST", "/api/chats", { name: "Book club" });
  const { chat: long } = await api<{ chat: { id: string } }>(a, "POST", "/api/chats", { name: "Reading list" });
  for (let i = 1; i <= 40; i++) {
    await api(a, "POST", `/api/chats/${long.id}/messages`, { clientId: crypto.randomUUID(), body: `Chapter ${i}: notes` });
  }
  const { invite } = await api<{ invite: { id: string } }>(a, "POST", `/api/chats/${chat.id}/invites`, { username: bob });
  await api(b, "POST", `/api/invites/${invite.id}/accept`);
  const post = async (ctx: BrowserContext, body: string, attachmentIds?: string[]) => {
    const { message } = await api<{ message: { seq: number } }>(ctx, "POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body, ...(attachmentIds ? { attachmentIds } : {}) });
    return message.seq;
  };
  await post(b, "Are we still on for the trip on Saturday?");
  const meet = await post(a, "Yes! Meet at the station at 9");
  await api(b, "PUT", `/api/chats/${chat.id}/messages/${meet}/reactions/${encodeURIComponent("👍")}`);
  await post(b, "Great, I'll bring the map");
  await post(a, "Bring warm clothes too, it gets cold by the lake");
  await page.goto("/");
  const png = await picture(page, 900, 600);
  const { attachment } = await api<{ attachment: { id: string } }>(a, "POST", `/api/chats/${chat.id}/media?name=lake.png&width=900&height=600`, png);
  await post(a, "The view from last year", [attachment.id]);
  await a.close();
  await b.close();
  return { seed: { chatId: chat.id, emptyId: empty.id, longId: long.id, username: alice }, password };
}

