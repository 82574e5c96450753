// The service worker's pure rules (web/sw/): which reads it keeps for offline use, its cache
// names, what a push shows and which window a click brings forward; and the push switch's
// model (state/push.ts) against a fake device and API.
import { describe, expect, it } from "vitest";
import { chatOnScreen, parsePush, pushNotice, windowForClick } from "../../../../web/sw/push.ts";
import { dataCache, isUserCache, metaCache, readKind, shellCache } from "../../../../web/sw/rules.ts";
import { ApiError } from "../../../../web/api/errors.ts";
import type { IO, PushDevice } from "../../../../web/state/io.ts";
import { noticeFor } from "../../../../web/state/notifications.ts";
import { dropPush, PushSwitch } from "../../../../web/state/push.ts";
import { chat, message, user } from "../fixtures.ts";

const at = (path: string) => new URL(path, "https://app.test");

describe("readKind", () => {
  it("keeps who is signed in, the chat list, a chat and its latest page", () => {
    expect(readKind(at("/api/me"))).toBe("me");
    expect(readKind(at("/api/chats"))).toBe("list");
    expect(readKind(at("/api/chats/abc"))).toBe("chat");
    expect(readKind(at("/api/chats/abc/messages"))).toBe("latest");
    expect(readKind(at("/api/chats/abc/messages?limit=50"))).toBe("latest");
  });

  it("leaves older pages, searches, other reads and the app's files alone", () => {
    for (const path of ["/api/chats/abc/messages?before=10", "/api/chats/abc/messages?after=3", "/api/chats/abc/messages?around=7", "/api/chats?q=te", "/api/me/blocks", "/api/me?x=1", "/api/chats/abc/members", "/api/chats/abc/messages/4/readers", "/assets/index.js", "/"]) {
      expect(readKind(at(path)), path).toBeNull();
    }
  });
});

describe("cache names", () => {
  it("tell a user's caches (removed at sign-out) from the public app shell", () => {
    expect(isUserCache(dataCache("u1"))).toBe(true);
    expect(isUserCache(metaCache)).toBe(true);
    expect(isUserCache(shellCache("abc"))).toBe(false);
    expect(isUserCache("someone-elses-cache")).toBe(false);
    expect(dataCache("u1")).not.toBe(dataCache("u2"));
  });
});

describe("push", () => {
  const payload = JSON.stringify({ chatId: "c1", title: "Team", sender: "Ann", body: "hello", seq: 3, unread: 1, mention: false });

  it("shows the server's payload like the page's own notification: same title, text and tag", () => {
    const p = parsePush(payload)!;
    const n = pushNotice(p);
    const page = noticeFor(undefined, chat("c1", { name: "Team", lastSeq: 3, lastMessage: message(3, { body: "hello", sender: user("ann", "Ann") }), unread: 1 }), user("ben"), { open: false, looking: false })!;
    expect(n.title).toBe(page.title);
    expect(n.options.body).toBe(page.body);
    expect(n.options.tag).toBe(page.tag);
    expect(n.options.tag).toBe("c1:3");
    expect(n.options.data).toEqual({ chatId: "c1" });
  });

  it("names a direct chat after the sender only (its name is the sender's)", () => {
    expect(pushNotice(parsePush(JSON.stringify({ chatId: "d", title: "Ann", sender: "Ann", body: "hi", seq: 1 }))!).title).toBe("Ann");
  });

  it("cuts long text and ignores what is not a payload", () => {
    expect(pushNotice(parsePush(JSON.stringify({ chatId: "c", title: "T", sender: "S", body: "x".repeat(300), seq: 1 }))!).options.body).toHaveLength(140);
    for (const bad of [null, "", "not json", "[]", "1", JSON.stringify({ chatId: "c" }), JSON.stringify({ chatId: 1, seq: 1 }), JSON.stringify({ chatId: "c", seq: 1.5 })]) {
      expect(parsePush(bad), String(bad)).toBeNull();
    }
  });

  it("stays quiet when a window shows that chat, not when it shows another or is hidden", () => {
    const on = (path: string, focused: boolean, visibilityState: "visible" | "hidden") => ({ url: `https://app.test${path}`, focused, visibilityState });
    expect(chatOnScreen([on("/chats/c1", true, "visible")], "c1")).toBe(true);
    expect(chatOnScreen([on("/chats/c1", false, "visible")], "c1")).toBe(true);
    expect(chatOnScreen([on("/chats/c1", false, "hidden")], "c1")).toBe(false);
    expect(chatOnScreen([on("/chats/c2", true, "visible")], "c1")).toBe(false);
    expect(chatOnScreen([on("/", true, "visible")], "c1")).toBe(false);
  });

  it("brings forward the window on that chat, else the focused one, else the first; none: a new one", () => {
    const w = (path: string, focused = false) => ({ url: `https://app.test${path}`, focused, visibilityState: "hidden" as const });
    expect(windowForClick([w("/"), w("/chats/c1")], "c1")).toBe(1);
    expect(windowForClick([w("/"), w("/settings", true)], "c1")).toBe(1);
    expect(windowForClick([w("/"), w("/settings")], "c1")).toBe(0);
    expect(windowForClick([], "c1")).toBe(-1);
  });
});

describe("the push switch (state/push.ts)", () => {
  const body = { endpoint: "https://fcm.googleapis.com/x", keys: { p256dh: "p", auth: "a" } };

  function world(over: { supported?: boolean; key?: () => Promise<string>; subscribe?: () => Promise<typeof body>; serverSubscribe?: () => Promise<null> } = {}) {
    const calls: string[] = [];
    let endpoint: string | null = null;
    const device: PushDevice = {
      supported: over.supported ?? true,
      current: async () => endpoint,
      subscribe: async (key) => {
        calls.push(`subscribe ${key}`);
        const b = await (over.subscribe ?? (async () => body))();
        endpoint = b.endpoint;
        return b;
      },
      unsubscribe: async () => {
        calls.push("unsubscribe");
        const had = endpoint;
        endpoint = null;
        return had;
      },
    };
    const api = {
      key: over.key ?? (async () => "KEY"),
      subscribe: async (b: typeof body) => {
        calls.push(`server+ ${b.endpoint}`);
        return (over.serverSubscribe ?? (async () => null))();
      },
      unsubscribe: async (e: string) => {
        calls.push(`server- ${e}`);
        return null;
      },
    };
    const io = { shell: { push: device }, api: { push: api } } as unknown as IO;
    return { io, calls, model: new PushSwitch(io) };
  }

  it("switches on: subscribes with the server's key and registers the subscription; off undoes both", async () => {
    const { model, calls } = world();
    await model.setEnabled(true);
    expect(model.on.value).toBe(true);
    expect(model.problem.value).toBeNull();
    await model.setEnabled(false);
    expect(model.on.value).toBe(false);
    expect(calls).toEqual(["subscribe KEY", `server+ ${body.endpoint}`, "unsubscribe", `server- ${body.endpoint}`]);
  });

  it("is disabled where the browser has no push, and says why when subscribing fails or the server has no keys", async () => {
    expect(world({ supported: false }).model.usable()).toBe(false);
    expect(world({ supported: false }).model.problem.value).toBe("browser");

    const noService = world({ subscribe: () => Promise.reject(new DOMException("push service not available", "AbortError")) });
    await noService.model.setEnabled(true);
    expect([noService.model.on.value, noService.model.problem.value, noService.model.usable()]).toEqual([false, "browser", false]);

    const noKeys = world({ key: () => Promise.reject(new ApiError("not_found", 404, "Push is not configured")) });
    await noKeys.model.setEnabled(true);
    expect([noKeys.model.on.value, noKeys.model.problem.value, noKeys.model.usable()]).toEqual([false, "server", false]);

    const refused = world({ subscribe: () => Promise.reject(new Error("blocked")) });
    await refused.model.setEnabled(true);
    expect([refused.model.on.value, refused.model.problem.value, refused.model.usable()]).toEqual([false, "blocked", true]);
  });

  it("leaves no half subscription when the server refuses it", async () => {
    const { model, calls } = world({ serverSubscribe: () => Promise.reject(new ApiError("invalid_request", 400, "bad")) });
    await model.setEnabled(true);
    expect([model.on.value, model.problem.value]).toEqual([false, "failed"]);
    expect(calls).toEqual(["subscribe KEY", `server+ ${body.endpoint}`, "unsubscribe"]);
  });

  it("drops the subscription at sign-out, on the server too unless the account is gone", async () => {
    const a = world();
    await a.model.setEnabled(true);
    await dropPush(a.io);
    expect(a.calls.slice(2)).toEqual(["unsubscribe", `server- ${body.endpoint}`]);
    const b = world();
    await b.model.setEnabled(true);
    await dropPush(b.io, { server: false });
    expect(b.calls.slice(2)).toEqual(["unsubscribe"]);
  });
});
