// Everything the state layer needs from outside the page's memory, in one object: the HTTP
// API, the two kinds of socket, storage for unsent messages, picked files, the tab's
// visibility and the address bar. Models take it as an argument instead of reaching for the browser's globals:
// the app passes the browser's own (browser.ts, built once in main.tsx), and the unit tests
// pass fakes and run a whole session, sign-in to sign-out, in plain Node.
//
// Views never get an IO: they call the models' named actions and read their signals.
import type { ReadonlySignal } from "@preact/signals";
import type { ClientFrame, PushSubscriptionBody } from "#protocol";
import type * as endpoints from "../api/endpoints.ts";
import type { media } from "../api/media.ts";
import type { Probe } from "../media/probe.ts";
import type { ChatSocketHandlers } from "../realtime/chatSocket.ts";
import type { InboxHandlers } from "../realtime/inbox.ts";
import type { OutboxStorage } from "../realtime/outbox.ts";
import type { Route } from "./routes.ts";

export interface Api {
  auth: typeof endpoints.auth;
  chats: typeof endpoints.chats;
  messages: typeof endpoints.messages;
  invites: typeof endpoints.invites;
  users: typeof endpoints.users;
  links: typeof endpoints.links;
  /** The signed-in user's profile, password, sessions, blocks and deletion. */
  me: typeof endpoints.me;
  /** Uploads with progress, thumbnails, taking back unsent uploads (api/media.ts). */
  media: typeof media;
  /** This browser's Web Push subscription on the server. */
  push: typeof endpoints.push;
  /** Registers the one callback for a 401 from any authenticated request. */
  onUnauthenticated(fn: () => void): void;
}

/** One chat's socket as the open chat uses it (realtime/chatSocket.ts): it reconnects by
 * itself until stopped; `send` is false while it is not open. */
export interface ChatChannel {
  send(frame: ClientFrame): boolean;
  stop(): void;
}

export interface Page {
  /** The tab is in front of the user (not a background tab, not minimized). */
  visible(): boolean;
  /** Calls `fn` whenever the tab is shown or hidden; returns the way to stop. */
  onVisibilityChange(fn: () => void): () => void;
  /** Calls `fn` once, when the network comes back; returns the way to cancel. */
  onceOnline(fn: () => void): () => void;
}

/** What the browser can do with a picked file without the network (media/probe.ts). */
export interface Files {
  /** Its pixel size, duration and a small picture, as far as this browser can tell; never fails. */
  probe(file: Blob, kind: "image" | "video" | "file"): Promise<Probe>;
  /** A URL that shows a local blob in the page until revoked. */
  showLocal(blob: Blob): { url: string; revoke(): void };
}

export type NotificationPermissionState = "granted" | "denied" | "default" | "unsupported";

/** Desktop notifications and the notification sound (state/notifications.ts). */
export interface Alerts {
  permission(): NotificationPermissionState;
  /** Asks the browser; only ever called from the user's own click. */
  requestPermission(): Promise<NotificationPermissionState>;
  /** Shows a notification; a click focuses the tab and calls `onClick`. */
  show(n: { title: string; body: string; tag: string }, onClick: () => void): void;
  /** A short tone (Web Audio, no file). */
  beep(): void;
}

/** This browser's push subscription (the Push API through the service worker). */
export interface PushDevice {
  /** False where the browser has no service worker or no Push API: the setting says so. */
  supported: boolean;
  /** The endpoint of this browser's subscription, or null. */
  current(): Promise<string | null>;
  /** Asks for permission if needed and subscribes with the server's VAPID key. Throws where
   * there is no push service (headless Chromium has none), an Error("blocked") where the
   * person refused the permission. */
  subscribe(publicKey: string): Promise<PushSubscriptionBody>;
  /** Ends this browser's subscription; the endpoint it had, or null. */
  unsubscribe(): Promise<string | null>;
}

/** The installable app as the page sees it: its service worker (web/pwa/shell.ts). */
export interface AppShell {
  /** True while the server cannot be reached and reads come from this device's cache. */
  offline: ReadonlySignal<boolean>;
  /** A new version of the app is installed and waits for the user's "Reload". */
  updateReady: ReadonlySignal<boolean>;
  /** Lets the new version take over, then reloads the tab once. */
  applyUpdate(): void;
  /** Deletes what the service worker keeps for the signed-in user (their caches). */
  forgetUser(): Promise<void>;
  /** Calls `fn` when a clicked push notification asks for a chat; returns the way to stop. */
  onOpenChat(fn: (chatId: string) => void): () => void;
  push: PushDevice;
}

export interface IO {
  /** Absent where the browser has no Notification API (and in tests that do not need it). */
  alerts?: Alerts;
  /** The service worker's side of the app; absent in unit tests. */
  shell?: AppShell;
  api: Api;
  /** The signed-in user's inbox socket (realtime/inbox.ts): one per tab while signed in. */
  openInbox(handlers: InboxHandlers): { stop(): void };
  /** The open chat's socket (realtime/chatSocket.ts). */
  openChatSocket(chatId: string, handlers: ChatSocketHandlers): ChatChannel;
  /** Where unsent messages and drafts wait across reloads; null: nowhere, they last as long
   * as the tab. */
  storage: OutboxStorage | null;
  files: Files;
  page: Page;
  /** The address bar, parsed (routes.ts). */
  route: ReadonlySignal<Route>;
  navigate(to: string, options?: { replace?: boolean }): void;
}
