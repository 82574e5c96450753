// History API routing: the address bar is the source of truth, so /chats/:id survives a
// reload and the back button works. /join/:token opens an invite link (after signing in, if
// needed: the sign-in screen keeps the address). What each address means is routes.ts.
import { computed, signal } from "@preact/signals";
import { parseRoute } from "./routes.ts";

const path = signal(location.pathname);

addEventListener("popstate", () => {
  path.value = location.pathname;
});

export const route = computed(() => parseRoute(path.value));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  path.value = location.pathname;
}
