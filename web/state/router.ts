// History API routing: the address bar is the source of truth, so /chats/:id survives a
// reload and the back button works. Three routes are all this app has.
import { computed, signal } from "@preact/signals";

export type Route = { name: "home" } | { name: "chat"; chatId: string } | { name: "not_found" };

const path = signal(location.pathname);

addEventListener("popstate", () => {
  path.value = location.pathname;
});

export function parseRoute(p: string): Route {
  if (p === "/" || p === "" || p === "/index.html") return { name: "home" };
  const m = /^\/chats\/([^/]+)\/?$/.exec(p);
  if (m?.[1]) {
    try {
      return { name: "chat", chatId: decodeURIComponent(m[1]) };
    } catch {
      return { name: "not_found" };
    }
  }
  return { name: "not_found" };
}

export const route = computed(() => parseRoute(path.value));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  path.value = location.pathname;
}

export function chatPath(chatId: string): string {
  return `/chats/${encodeURIComponent(chatId)}`;
}
