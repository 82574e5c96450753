// What the service worker (sw.ts) does with a request, and what its caches are called: pure
// functions, shared with the page (which deletes the same caches at sign-out) and unit-tested.
//
// Three kinds of cache, all named "qm-...", so the page can tell ours from anything else:
// - qm-shell-<version>: the app shell the build produced (index.html, the hashed JS and CSS,
//   icons). Public files, the same for everyone; a new deploy makes a new one.
// - qm-data-<userId>: the signed-in user's own API answers for offline reading. Per user, so
//   one person's chats are never served to another who signs in on the same browser.
// - qm-meta: which user the data caches belong to now (a service worker loses its memory
//   whenever the browser stops it, so it keeps this in a cache too).

export const shellPrefix = "qm-shell-";
export const dataPrefix = "qm-data-";
export const metaCache = "qm-meta";
/** The key in qm-meta under which the current user's id is kept. */
export const currentUserKey = "/__qm/current-user";

export const shellCache = (version: string): string => `${shellPrefix}${version}`;
export const dataCache = (userId: string): string => `${dataPrefix}${userId}`;

/** Caches that hold something of a user (what sign-out and account deletion remove). */
export function isUserCache(name: string): boolean {
  return name.startsWith(dataPrefix) || name === metaCache;
}

/** How many chats keep their latest page offline: the most recently opened ones. */
export const offlineChats = 20;

/**
 * Which API reads are kept for offline reading, network first: who is signed in, the chat
 * list, a chat's details and its latest page of messages. Anything else (older pages, search,
 * every write) goes to the network untouched: offline, writes wait in the page's outbox.
 */
export type ReadKind = "me" | "list" | "chat" | "latest";

export function readKind(url: URL): ReadKind | null {
  const p = url.pathname;
  if (p === "/api/me") return url.search ? null : "me";
  if (p === "/api/chats") return url.search ? null : "list";
  if (/^\/api\/chats\/[^/]+$/.test(p)) return "chat";
  if (/^\/api\/chats\/[^/]+\/messages$/.test(p)) {
    return ["before", "after", "around"].some((k) => url.searchParams.has(k)) ? null : "latest";
  }
  return null;
}

/** Messages the page sends its service worker. */
export type ToWorker =
  /** The user clicked "Reload" on the update prompt: the waiting worker takes over. */
  | { type: "skipWaiting" }
  /** Signed out or account deleted: forget the user and their caches. */
  | { type: "signedOut" }
  /** Act as if the notification with this tag was clicked (the same code as a real click;
   * the end-to-end tests use it, as Chromium's DevTools protocol cannot click one). */
  | { type: "openNotification"; tag: string };

/** Messages the service worker sends the page. */
export type ToPage =
  /** A read reached the server (true) or had to be answered from the cache, or not at all (false). */
  | { type: "network"; online: boolean }
  /** A notification was clicked: show this chat. */
  | { type: "open"; chatId: string };
