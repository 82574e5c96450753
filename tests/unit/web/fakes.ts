// Stand-ins for the browser in the web unit tests (they run in plain Node).
import { signal, type Signal } from "@preact/signals";
import { vi, type Mock } from "vitest";
import type { ClientFrame, InboxFrame, ServerFrame } from "#protocol";
import type { ChatEnd, ChatSocketHandlers } from "../../../web/realtime/chatSocket.ts";
import type { InboxHandlers } from "../../../web/realtime/inbox.ts";
import type { Api, IO } from "../../../web/state/io.ts";
import { parseRoute, type Route } from "../../../web/state/routes.ts";
import type { OutboxStorage } from "../../../web/realtime/outbox.ts";

/** localStorage's methods over a Map; `failWrites` makes it behave like a full storage. */
export function memoryStorage(initial: Record<string, string> = {}): OutboxStorage & { data: Map<string, string>; failWrites: boolean } {
  const data = new Map(Object.entries(initial));
  const store = {
    data,
    failWrites: false,
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (store.failWrites) throw new Error("QuotaExceededError");
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
  return store;
}

// ---------------------------------------------------------------------------------------
// A fake IO (web/state/io.ts): the API as mocks with harmless defaults, sockets that only
// record, a page whose visibility and network the test switches, and an address bar.


type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? Mock<(...args: A) => R> : never };

export interface FakeApi {
  auth: Mocked<Api["auth"]>;
  chats: Mocked<Api["chats"]>;
  messages: Mocked<Api["messages"]>;
  invites: Mocked<Api["invites"]>;
  users: Mocked<Api["users"]>;
  links: Mocked<Api["links"]>;
  me: Mocked<Api["me"]>;
  media: Mocked<Api["media"]>;
  onUnauthenticated: Mock<(fn: () => void) => void>;
  /** What the app registered for a 401. */
  unauthenticated: () => void;
}

export interface FakeInbox {
  handlers: InboxHandlers;
  stopped: boolean;
  /** Delivers a frame, as the real socket does after parsing it. */
  frame(f: InboxFrame): void;
}

export interface FakeChatSocket {
  chatId: string;
  handlers: ChatSocketHandlers;
  /** Whether `send` succeeds (the socket is open); true from the start. */
  open: boolean;
  sent: ClientFrame[];
  stopped: boolean;
  frame(f: ServerFrame): void;
  down(): void;
  end(why: ChatEnd): void;
}

export interface FakePage {
  visible: boolean;
  visibilityListeners: Set<() => void>;
  onlineListeners: Set<() => void>;
  show(): void;
  hide(): void;
  backOnline(): void;
}

export interface World {
  io: IO;
  api: FakeApi;
  inboxes: FakeInbox[];
  sockets: FakeChatSocket[];
  storage: ReturnType<typeof memoryStorage>;
  page: FakePage;
  route: Signal<Route>;
  /** Every address navigated to, with `replace` marked. */
  visited: string[];
  /** Sockets and inboxes not stopped yet. */
  openSockets(): number;
}

export function fakeWorld(): World {
  let unauthenticated = () => undefined as void;
  const api: FakeApi = {
    auth: {
      me: vi.fn(),
      login: vi.fn(),
      register: vi.fn(),
      logout: vi.fn(async () => undefined),
    },
    chats: {
      list: vi.fn(async () => []),
      create: vi.fn(),
      get: vi.fn(),
      history: vi.fn(async () => ({ messages: [], hasMore: false, rev: 0 })),
      invite: vi.fn(),
      join: vi.fn(),
      discover: vi.fn(async () => []),
      direct: vi.fn(),
      settings: vi.fn(),
    },
    messages: {
      edit: vi.fn(async () => undefined),
      remove: vi.fn(async () => undefined),
      react: vi.fn(async () => undefined),
      reactors: vi.fn(async () => []),
      readers: vi.fn(async () => []),
      search: vi.fn(async () => ({ results: [], nextCursor: null })),
    },
    invites: {
      list: vi.fn(async () => []),
      accept: vi.fn(),
      decline: vi.fn(async () => undefined),
    },
    users: { search: vi.fn(async () => []) },
    links: { preview: vi.fn(), join: vi.fn() },
    me: {
      updateProfile: vi.fn(),
      removeAvatar: vi.fn(),
      changePassword: vi.fn(async () => null),
      sessions: vi.fn(async () => []),
      endSession: vi.fn(async () => null),
      endOtherSessions: vi.fn(async () => null),
      blocked: vi.fn(async () => []),
      block: vi.fn(),
      unblock: vi.fn(async () => null),
      remove: vi.fn(async () => null),
    },
    media: {
      upload: vi.fn(() => ({ done: new Promise<never>(() => {}), abort: () => {} })),
      thumbnail: vi.fn(() => ({ done: Promise.resolve(), abort: () => {} })),
      discard: vi.fn(async () => undefined),
      cancel: vi.fn(async () => undefined),
      unsent: vi.fn(async () => []),
      post: vi.fn(),
      avatar: vi.fn(() => ({ done: new Promise<never>(() => {}), abort: () => {} })),
    },
    onUnauthenticated: vi.fn((fn: () => void) => {
      unauthenticated = fn;
    }),
    unauthenticated: () => unauthenticated(),
  };

  const inboxes: FakeInbox[] = [];
  const sockets: FakeChatSocket[] = [];
  const storage = memoryStorage();
  const page: FakePage = {
    visible: true,
    visibilityListeners: new Set(),
    onlineListeners: new Set(),
    show() {
      page.visible = true;
      page.visibilityListeners.forEach((fn) => fn());
    },
    hide() {
      page.visible = false;
      page.visibilityListeners.forEach((fn) => fn());
    },
    backOnline() {
      const fns = [...page.onlineListeners];
      page.onlineListeners.clear();
      fns.forEach((fn) => fn());
    },
  };
  const route = signal<Route>({ name: "home" });
  const visited: string[] = [];

  const io: IO = {
    api: api as unknown as Api,
    openInbox: (handlers) => {
      const inbox: FakeInbox = {
        handlers,
        stopped: false,
        frame: (f) => handlers.onFrame(f),
      };
      inboxes.push(inbox);
      return {
        stop: () => {
          inbox.stopped = true;
        },
      };
    },
    openChatSocket: (chatId, handlers) => {
      const s: FakeChatSocket = {
        chatId,
        handlers,
        open: true,
        sent: [],
        stopped: false,
        frame: (f) => handlers.onFrame(f),
        down: () => handlers.onDown(),
        end: (why) => handlers.onEnd(why),
      };
      sockets.push(s);
      return {
        send: (f) => {
          if (!s.open || s.stopped) return false;
          s.sent.push(f);
          return true;
        },
        stop: () => {
          s.stopped = true;
        },
      };
    },
    storage,
    files: {
      probe: async () => ({ thumbnail: null }),
      showLocal: () => ({ url: "blob:fake", revoke: () => {} }),
    },
    page: {
      visible: () => page.visible,
      onVisibilityChange: (fn) => {
        page.visibilityListeners.add(fn);
        return () => page.visibilityListeners.delete(fn);
      },
      onceOnline: (fn) => {
        page.onlineListeners.add(fn);
        return () => page.onlineListeners.delete(fn);
      },
    },
    route,
    navigate: (to, options = {}) => {
      visited.push(options.replace ? `${to} (replace)` : to);
      route.value = parseRoute(to);
    },
  };

  return {
    io,
    api,
    inboxes,
    sockets,
    storage,
    page,
    route,
    visited,
    openSockets: () => inboxes.filter((i) => !i.stopped).length + sockets.filter((s) => !s.stopped).length,
  };
}

/** A promise the test settles when it wants to (an answer still on its way). */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run (microtasks only, so it works under fake timers too). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
