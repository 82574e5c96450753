// The app's addresses: / (the list), /chats/:id (a chat), /join/:token (an invite link),
// /settings (the settings screen).
// Pure, so the rules are tested on their own; router.ts binds them to the address bar.
export type Route =
  | { name: "home" }
  | { name: "chat"; chatId: string }
  | { name: "join"; token: string }
  | { name: "settings" }
  | { name: "not_found" };

export const settingsPath = "/settings";

/**
 * Reads a pathname. One trailing slash is forgiven (people type them); a malformed
 * percent-escape is a page that does not exist, not a crash.
 */
export function parseRoute(p: string): Route {
  if (p === "/" || p === "" || p === "/index.html") return { name: "home" };
  if (p === settingsPath || p === `${settingsPath}/`) return { name: "settings" };
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

export function chatPath(chatId: string): string {
  return `/chats/${encodeURIComponent(chatId)}`;
}
