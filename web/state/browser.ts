// The IO (io.ts) of a real browser tab: fetch and XHR uploads through api/, reconnecting
// WebSockets through realtime/, localStorage, picked files through media/, the Page
// Visibility API, the `online` event, the History API (router.ts) and the service worker
// (pwa/shell.ts). The only module of state/ that touches the browser's globals.
import { setUnauthenticatedHandler } from "../api/client.ts";
import { auth, chats, invites, links, me, messages, push, users } from "../api/endpoints.ts";
import { media } from "../api/media.ts";
import { startShell } from "../pwa/shell.ts";
import { ChatSocket } from "../realtime/chatSocket.ts";
import { connectInbox } from "../realtime/inbox.ts";
import type { OutboxStorage } from "../realtime/outbox.ts";
import type { Alerts, IO, NotificationPermissionState } from "./io.ts";
import { navigate, route } from "./router.ts";

/** localStorage, or null where even touching it throws (some privacy settings do). */
function localStorageIfAllowed(): OutboxStorage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

// Desktop notifications (io.ts Alerts): the Notification API and a short two-note chime made
// with Web Audio (no sound file to ship).
let audio: AudioContext | null = null;

function browserAlerts(): Alerts | undefined {
  if (typeof Notification === "undefined") return undefined;
  return {
    permission: () => Notification.permission as NotificationPermissionState,
    requestPermission: async () => (await Notification.requestPermission()) as NotificationPermissionState,
    show: ({ title, body, tag }, onClick) => {
      try {
        const n = new Notification(title, { body, tag, icon: "/favicon.svg" });
        n.onclick = () => {
          window.focus();
          onClick();
          n.close();
        };
      } catch {
        // Some browsers (Android Chrome) allow notifications only from a service worker.
      }
    },
    beep: () => {
      try {
        audio ??= new AudioContext();
        const now = audio.currentTime;
        for (const [i, freq] of [880, 1320].entries()) {
          const osc = audio.createOscillator();
          const gain = audio.createGain();
          osc.frequency.value = freq;
          gain.gain.setValueAtTime(0.0001, now + i * 0.12);
          gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.18);
          osc.connect(gain).connect(audio.destination);
          osc.start(now + i * 0.12);
          osc.stop(now + i * 0.12 + 0.2);
        }
      } catch {
        // no audio output: the notification is enough
      }
    },
  };
}

export function browserIO(): IO {
  const alerts = browserAlerts();
  return {
    ...(alerts && { alerts }),
    shell: startShell(),
    api: { auth, chats, messages, invites, users, links, me, media, push, onUnauthenticated: setUnauthenticatedHandler },
    openInbox: connectInbox,
    openChatSocket: (chatId, handlers) => new ChatSocket(chatId, handlers),
    storage: localStorageIfAllowed(),
    files: {
      // Fetched with the first picked file, not with the first load: most visits attach nothing.
      probe: (file, kind) => import("../media/probe.ts").then((m) => m.probe(file, kind)),
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
