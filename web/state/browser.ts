// The IO (io.ts) of a real browser tab: fetch and XHR uploads through api/, reconnecting
// WebSockets through realtime/, localStorage, picked files through media/, the Page
// Visibility API, the `online` event and the History API (router.ts). The only module of
// state/ that touches the browser's globals.
import { setUnauthenticatedHandler } from "../api/client.ts";
import { auth, chats, invites, links, messages, users } from "../api/endpoints.ts";
import { media } from "../api/media.ts";
import { probe } from "../media/probe.ts";
import { ChatSocket } from "../realtime/chatSocket.ts";
import { connectInbox } from "../realtime/inbox.ts";
import type { OutboxStorage } from "../realtime/outbox.ts";
import { browserAlerts } from "./alerts.ts";
import type { IO } from "./io.ts";
import { navigate, route } from "./router.ts";

/** localStorage, or null where even touching it throws (some privacy settings do). */
function localStorageIfAllowed(): OutboxStorage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export function browserIO(): IO {
  const alerts = browserAlerts();
  return {
    ...(alerts && { alerts }),
    api: { auth, chats, messages, invites, users, links, media, onUnauthenticated: setUnauthenticatedHandler },
    openInbox: connectInbox,
    openChatSocket: (chatId, handlers) => new ChatSocket(chatId, handlers),
    storage: localStorageIfAllowed(),
    files: {
      probe,
      showLocal: (blob) => {
        const url = URL.createObjectURL(blob);
        return { url, revoke: () => URL.revokeObjectURL(url) };
      },
    },
    page: {
      visible: () => document.visibilityState === "visible",
      onVisibilityChange: (fn) => {
        document.addEventListener("visibilitychange", fn);
        return () => document.removeEventListener("visibilitychange", fn);
      },
      onceOnline: (fn) => {
        addEventListener("online", fn, { once: true });
        return () => removeEventListener("online", fn);
      },
    },
    route,
    navigate,
  };
}
