// History API routing: the address bar is the source of truth, so /chats/:id survives a
// reload and the back button works. /join/:token opens an invite link (after signing in, if
// needed: the sign-in screen keeps the address).
import { computed, signal } from "@preact/signals";

export type Route =
  | { name: "home" }
  | { name: "chat"; chatId: string }
  | { name: "join"; token: string }
  | { name: "not_found" };

const path = signal(location.pathname);

addEventListener("popstate", () => {
  path.value = location.pathname;
});

export function parseRoute(p: string): Route {
  if (p === "/" || p === "" || p === "/index.html") return { name: "home" };
  const m = /^\/(chats|join)\/([^/]+)\/?$/.exec(p);
  if (!m?.[2]) return { name: "not_found" };
  let param: string;
  try {
    param = decodeURIComponent(m[2]);
  } catch {
    return { name: "not_found" };
  }
  return m[1] === "join" ? { name: "join", token: param } : { name: "chat", chatId: param };
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
