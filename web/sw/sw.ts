// The service worker: one file for the installable app's offline use and for Web Push.
// Built by scripts/pwa/plugin.ts into dist/client/sw.js, with the build's list of app-shell
// files and a version derived from it put in front: a new deploy changes the hashed file
// names, so the worker's bytes change, the browser installs the new one beside the old, and
// it waits until the page's "Reload" (update prompt) sends `skipWaiting`.
//
// Requests (rules.ts):
// - page navigations: the network, or the cached index.html when it cannot be reached (the
//   SPA routes every path itself);
// - the app shell's own files: from the shell cache (their names carry a content hash);
// - four API reads (who is signed in, the chat list, a chat, its latest page): network first,
//   a copy kept in the signed-in user's own cache, served from there when the server cannot
//   be reached. The page hears which way it went (`network` message) and shows "Offline";
// - everything else: not touched.
//
// Push: shows the message (push.ts) unless a window has that chat in front of the user; a
// click brings a window forward on that chat, or opens one.
import { chatPath } from "../state/routes.ts";
import { chatOnScreen, parsePush, pushNotice, windowForClick } from "./push.ts";
import { currentUserKey, dataCache, isUserCache, metaCache, offlineChats, readKind, shellCache, shellPrefix, type ReadKind, type ToPage, type ToWorker } from "./rules.ts";

declare const __QM_PRECACHE__: string[];
declare const __QM_VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const shell = shellCache(__QM_VERSION__);

sw.addEventListener("install", (event) => {
  // `cache: "reload"`: straight from the server, never from the HTTP cache's older copy.
  event.waitUntil(caches.open(shell).then((c) => c.addAll(__QM_PRECACHE__.map((u) => new Request(u, { cache: "reload" })))));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(shellPrefix) && name !== shell) await caches.delete(name);
      // The first install takes the open tabs at once, so what they read is kept from now on.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener("message", (event) => {
  const msg = event.data as ToWorker | null;
  if (!msg || typeof msg !== "object") return;
  if (msg.type === "skipWaiting") void sw.skipWaiting();
  else if (msg.type === "signedOut") event.waitUntil(forgetUser());
  else if (msg.type === "openNotification") event.waitUntil(openByTag(msg.tag));
});

sw.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  if (req.mode === "navigate") {
    event.respondWith(navigation(req));
    return;
  }
  const kind = readKind(url);
  if (kind) {
    event.respondWith(networkFirst(req, kind));
    return;
  }
  if (!url.pathname.startsWith("/api/")) event.respondWith(shellFirst(req));
});

async function navigation(req: Request): Promise<Response> {
  try {
    return await fetch(req);
  } catch {
    const cached = await caches.match("/", { cacheName: shell });
    return cached ?? Response.error();
  }
}

async function shellFirst(req: Request): Promise<Response> {
  const cached = await caches.match(req, { cacheName: shell, ignoreSearch: true });
  return cached ?? fetch(req);
}

// --- offline reading ---

let currentUser: string | null | undefined;

async function userNow(): Promise<string | null> {
  if (currentUser !== undefined) return currentUser;
  const saved = await (await caches.open(metaCache)).match(currentUserKey);
  currentUser = saved ? await saved.text() : null;
  return currentUser;
}

async function setUser(id: string): Promise<void> {
  if (currentUser === id) return;
  currentUser = id;
  await (await caches.open(metaCache)).put(currentUserKey, new Response(id));
}

/** Forgets whoever was signed in and everything kept for them. */
async function forgetUser(): Promise<void> {
  currentUser = null;
  for (const name of await caches.keys()) if (isUserCache(name)) await caches.delete(name);
}

async function networkFirst(req: Request, kind: ReadKind): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(req);
  } catch {
    void tell({ type: "network", online: false });
    const user = await userNow();
    const cached = user ? await caches.match(req, { cacheName: dataCache(user) }) : undefined;
    return cached ?? Response.error();
  }
  void tell({ type: "network", online: true });
  void keep(req, res.clone(), kind).catch(() => {});
  return res;
}

/** Keeps a copy of a successful read in the signed-in user's cache. */
async function keep(req: Request, res: Response, kind: ReadKind): Promise<void> {
  const copy = res.clone();
  if (kind === "me") {
    // Who is signed in decides whose cache the reads go to; signed out forgets them all.
    if (res.status === 401) return forgetUser();
    if (!res.ok) return;
    const body = (await res.json()) as { user?: { id?: unknown } };
    if (typeof body.user?.id !== "string") return;
    if ((await userNow()) !== body.user.id) await forgetUser();
    await setUser(body.user.id);
  }
  if (!res.ok) return;
  const user = await userNow();
  if (!user) return;
  const cache = await caches.open(dataCache(user));
  await cache.put(req, copy);
  if (kind === "latest") await prune(cache);
  // Signed out while this was being written: do not leave it behind.
  if (currentUser !== user) await caches.delete(dataCache(user));
}

/** Keeps the latest pages of the most recently opened chats only (a Cache keeps insertion
 * order, and `put` of an existing key moves it to the end). */
async function prune(cache: Cache): Promise<void> {
  const pages = (await cache.keys()).filter((r) => readKind(new URL(r.url)) === "latest");
  for (const old of pages.slice(0, Math.max(0, pages.length - offlineChats))) {
    await cache.delete(old);
    await cache.delete(old.url.replace(/\/messages(\?.*)?$/, ""));
  }
}

async function tell(msg: ToPage): Promise<void> {
  for (const c of await sw.clients.matchAll({ type: "window" })) c.postMessage(msg);
}

// --- push ---

sw.addEventListener("push", (event) => {
  const payload = parsePush(event.data?.text());
  if (!payload) return;
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
      if (chatOnScreen(windows, payload.chatId)) return;
      const n = pushNotice(payload);
      await sw.registration.showNotification(n.title, n.options);
    })(),
  );
});

sw.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openChat(event.notification.data as { chatId?: unknown } | null));
});

async function openByTag(tag: string): Promise<void> {
  const [n] = await sw.registration.getNotifications({ tag });
  if (!n) return;
  n.close();
  await openChat(n.data as { chatId?: unknown } | null);
}

async function openChat(data: { chatId?: unknown } | null): Promise<void> {
  const chatId = typeof data?.chatId === "string" ? data.chatId : null;
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const path = chatId ? chatPath(chatId) : "/";
  const i = chatId ? windowForClick(windows, chatId) : windows.length ? 0 : -1;
  const w = windows[i];
  if (!w) {
    await sw.clients.openWindow(path);
    return;
  }
  try {
    await w.focus();
  } catch {
    // Focusing is allowed only while handling a click (not for openNotification).
  }
  // The page opens the chat itself (no reload); it listens for this message (web/pwa/shell.ts).
  if (chatId) w.postMessage({ type: "open", chatId } satisfies ToPage);
}

