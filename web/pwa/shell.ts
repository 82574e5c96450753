// The page's side of the installable app (io.ts AppShell): registers the service worker
// (web/sw/sw.ts, built to /sw.js), hears from it whether reads reach the server, offers a
// waiting new version, forgets the user's caches at sign-out, and subscribes this browser to
// Web Push. The only module besides state/browser.ts that touches these browser globals.
//
// The worker is registered only in a production build (what wrangler serves): under `vite
// dev` there is no sw.js, and a worker caching the dev server's modules would only get in the
// way of hot reloading.
import { signal } from "@preact/signals";
import type { PushSubscriptionBody } from "#protocol";
import type { AppShell, PushDevice } from "../state/io.ts";
import { isUserCache, type ToPage, type ToWorker } from "../sw/rules.ts";

/** The VAPID key as the bytes `pushManager.subscribe` takes. */
function base64urlBytes(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(s.length / 4) * 4, "="));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function startShell(): AppShell {
  const container = "serviceWorker" in navigator ? navigator.serviceWorker : null;
  const offline = signal(!navigator.onLine);
  const updateReady = signal(false);
  const openListeners = new Set<(chatId: string) => void>();
  let registration: ServiceWorkerRegistration | null = null;
  /** Set by "Reload": the next change of controller is the new version taking over. */
  let updating = false;

  addEventListener("offline", () => (offline.value = true));
  // Back online as far as the browser knows; with a worker, the next read that reaches the
  // server says so (the server may still be down behind a working network).
  addEventListener("online", () => {
    if (!container?.controller) offline.value = false;
  });

  if (container) {
    container.addEventListener("message", (e: MessageEvent<ToPage | null>) => {
      const msg = e.data;
      if (msg?.type === "network") offline.value = !msg.online;
      else if (msg?.type === "open") for (const fn of openListeners) fn(msg.chatId);
    });
    container.addEventListener("controllerchange", () => {
      if (!updating) return; // the first install taking the tab over: nothing to reload
      updating = false;
      location.reload();
    });
    if (import.meta.env.PROD) {
      container
        .register("/sw.js", { scope: "/" })
        .then((reg) => {
          registration = reg;
          watchUpdates(reg);
        })
        .catch(() => {
          // No worker (e.g. a browser setting refuses them): the app works online as before.
        });
    }
  }

  /** A new worker installed while an older one controls the tab waits for "Reload". */
  function watchUpdates(reg: ServiceWorkerRegistration): void {
    const waiting = () => {
      if (reg.waiting && container?.controller) updateReady.value = true;
    };
    waiting();
    reg.addEventListener("updatefound", () => {
      const w = reg.installing;
      w?.addEventListener("statechange", () => {
        if (w.state === "installed") waiting();
      });
    });
    // A tab left open for days looks for a new version whenever it is shown again.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") void reg.update().catch(() => {});
    });
  }

  async function activeRegistration(): Promise<ServiceWorkerRegistration> {
    if (!container || !(registration ?? (await container.getRegistration("/")))) throw new Error("no service worker");
    return container.ready;
  }

  const push: PushDevice = {
    supported: import.meta.env.PROD && !!container && "PushManager" in window && typeof Notification !== "undefined",
    current: async () => {
      if (!push.supported) return null;
      const reg = registration ?? (await container?.getRegistration("/"));
      return (await reg?.pushManager.getSubscription())?.endpoint ?? null;
    },
    subscribe: async (publicKey): Promise<PushSubscriptionBody> => {
      if (Notification.permission !== "granted" && (await Notification.requestPermission()) !== "granted") throw new Error("blocked");
      const reg = await activeRegistration();
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64urlBytes(publicKey) });
      const json = sub.toJSON();
      return { endpoint: sub.endpoint, keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" } };
    },
    unsubscribe: async () => {
      if (!push.supported) return null;
      const reg = registration ?? (await container?.getRegistration("/"));
      const sub = await reg?.pushManager.getSubscription();
      if (!sub) return null;
      await sub.unsubscribe();
      return sub.endpoint;
    },
  };

  return {
    offline,
    updateReady,
    applyUpdate: () => {
      const waiting = registration?.waiting;
      if (!waiting) {
        location.reload();
        return;
      }
      updating = true;
      waiting.postMessage({ type: "skipWaiting" } satisfies ToWorker);
    },
    forgetUser: async () => {
      container?.controller?.postMessage({ type: "signedOut" } satisfies ToWorker);
      // Also here, not only in the worker: it may be stopped, or not control this tab.
      if (typeof caches === "undefined") return;
      for (const name of await caches.keys()) if (isUserCache(name)) await caches.delete(name);
    },
    onOpenChat: (fn) => {
      openListeners.add(fn);
      return () => openListeners.delete(fn);
    },
    push,
  };
}
