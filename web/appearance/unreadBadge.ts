// The unread total where a person sees it with the tab in the background: in the tab's title,
// "(3) qmessenger", and as a red dot with the count on the tab's icon. The icon is the logo
// (public/favicon.svg) drawn on a canvas with the dot over it, set as the page's <link
// rel=icon> as a data: URL (the CSP allows data: images); at 0 the plain logo comes back.
// The count is the chat list's (state/chatList.ts `totalUnread`), so it drops as soon as a
// chat is read, in this tab or another.
import { effect, type ReadonlySignal } from "@preact/signals";
import { t } from "../i18n/index.ts";

const logoUrl = "/favicon.svg";
const size = 64;

/** "(3) qmessenger", or the bare name at 0. */
export function tabTitle(unread: number, name: string): string {
  return unread > 0 ? `(${unread}) ${name}` : name;
}

/** What the dot says: the count, "99+" past 99. */
export function badgeText(unread: number): string {
  return unread > 99 ? "99+" : String(unread);
}

let logo: Promise<HTMLImageElement | null> | null = null;

function loadLogo(): Promise<HTMLImageElement | null> {
  logo ??= new Promise((resolve) => {
    const img = new Image(size, size);
    img.onload = () => resolve(img);
    // No logo, no badge: the title still carries the count.
    img.onerror = () => resolve(null);
    img.src = logoUrl;
  });
  return logo;
}

/** The logo with a count dot in its top-right corner, as a PNG data: URL. */
async function badgedIcon(unread: number): Promise<string | null> {
  const img = await loadLogo();
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const g = canvas.getContext("2d");
  if (!img || !g) return null;
  g.drawImage(img, 0, 0, size, size);
  const text = badgeText(unread);
  const r = 19;
  const w = Math.max(2 * r, 14 + 16 * text.length);
  const x = size - w;
  g.fillStyle = "#e53935";
  g.beginPath();
  g.roundRect(x, 0, w, 2 * r, r);
  g.fill();
  g.fillStyle = "#ffffff";
  g.font = `bold ${text.length > 2 ? 22 : 28}px system-ui, sans-serif`;
  g.textAlign = "center";
  g.textBaseline = "middle";
  g.fillText(text, x + w / 2, r + 1);
  return canvas.toDataURL("image/png");
}

function iconLink(): HTMLLinkElement {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement("link");
    link.rel = "icon";
    document.head.append(link);
  }
  return link;
}

/** Keeps the tab's title and icon showing `unread`, for the life of the tab. */
export function showUnread(unread: ReadonlySignal<number>): () => void {
  let drawn = 0;
  let turn = 0;
  return effect(() => {
    const n = unread.value;
    document.title = tabTitle(n, t("app.name"));
    if (n === drawn) return;
    drawn = n;
    // Only the latest count's picture is set, whatever order the drawings finish in.
    const mine = ++turn;
    const link = iconLink();
    if (n === 0) {
      link.type = "image/svg+xml";
      link.href = logoUrl;
      return;
    }
    void badgedIcon(n).then((url) => {
      if (!url || mine !== turn) return;
      link.type = "image/png";
      link.href = url;
    });
  });
}
