// Signing in and out on one tab. Sign-out is one dispose of the user's account: afterwards no
// socket of theirs is open, no timer or listener of theirs is left, their list, invitations
// and search are empty, and a late answer to one of their requests lands nowhere. The next
// person to sign in on the tab starts from nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../../web/api/errors.ts";
import { outboxKey } from "../../../../web/realtime/outbox.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { Session, type SessionModel } from "../../../../web/state/session.ts";
import { deferred, fakeWorld, settle, type World } from "../fakes.ts";
import { chat, invite, member, message, user } from "../fixtures.ts";

const ann = user("ann", "Ann");
const ben = user("ben", "Ben");

let world: World;
let session: SessionModel;

beforeEach(() => {
  world = fakeWorld();
  session = new Session(world.io);
});

afterEach(() => {
  dispose(session);
  vi.useRealTimers();
});

/** Ann, signed in, with one chat open (its socket live), an invitation and a search typed. */
async function annBusy(): Promise<void> {
  world.api.auth.login.mockResolvedValue(ann);
  world.api.chats.list.mockResolvedValue([chat("c1", { name: "Ann's team", unread: 2, lastSeq: 2 })]);
  world.api.invites.list.mockResolvedValue([invite("i1", "c9")]);
  world.api.chats.get.mockResolvedValue({ chat: chat("c1", { name: "Ann's team" }), members: [member(ann), member(ben)] });
  world.api.chats.history.mockResolvedValue({ messages: [message(1), message(2)], hasMore: false, rev: 2 });
  world.route.value = { name: "chat", chatId: "c1" };
  await session.signIn({ username: "ann", password: "secret-password" });
  await settle();
  const socket = world.sockets[0]!;
  socket.frame({ type: "ready", rev: 2, lastSeq: 2, online: ["ann", "ben"] });
  socket.frame({ type: "typing", user: ben });
  session.account.value!.search.type("tea");
}

describe("signing in", () => {
  it("finds the signed-in user at load, and loads their list and opens their inbox", async () => {
    world.api.auth.me.mockResolvedValue(ann);
    world.api.chats.list.mockResolvedValue([chat("c1")]);
    expect(session.user.value).toBe(undefined);
    await session.load();
    await settle();
    expect(session.user.value).toEqual(ann);
    expect(session.account.value?.chats.all.value.map((c) => c.id)).toEqual(["c1"]);
    expect(world.inboxes.map((i) => i.stopped)).toEqual([false]);
  });

  it("shows sign-in to a visitor without a session", async () => {
    world.api.auth.me.mockRejectedValue(new ApiError("unauthenticated", 401, "no session"));
    await session.load();
    expect(session.user.value).toBe(null);
    expect(session.account.value).toBe(null);
    expect(world.inboxes).toEqual([]);
  });

  it("keeps asking an unreachable server, with growing pauses, instead of showing sign-in", async () => {
    vi.useFakeTimers();
    world.api.auth.me.mockRejectedValue(new ApiError("network", 0, "offline"));
    await session.load();
    expect(session.user.value).toBe(undefined);
    expect(session.unreachable.value).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(world.api.auth.me).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(world.api.auth.me).toHaveBeenCalledTimes(2);
    world.api.auth.me.mockResolvedValue(ann);
    await vi.advanceTimersByTimeAsync(2000);
    expect(world.api.auth.me).toHaveBeenCalledTimes(3);
    expect(session.user.value).toEqual(ann);
    expect(session.unreachable.value).toBe(false);
  });
});

describe("signing out", () => {
  it("closes every socket of the user and leaves no timer or listener behind", async () => {
    vi.useFakeTimers();
    await annBusy();
    expect(world.openSockets()).toBe(2);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    expect(world.page.visibilityListeners.size).toBe(1);

    await session.signOut();

    expect(world.openSockets()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(world.page.visibilityListeners.size).toBe(0);
    expect(world.page.onlineListeners.size).toBe(0);
  });

  it("empties what the user saw: list, invitations, search, open chat", async () => {
    await annBusy();
    const account = session.account.value!;
    const open = account.pane.value;
    expect(account.chats.all.value).toHaveLength(1);
    expect(account.invites.pending.value).toHaveLength(1);
    expect(open.kind).toBe("chat");

    await session.signOut();

    expect(session.user.value).toBe(null);
    expect(session.account.value).toBe(null);
    expect(account.chats.all.value).toEqual([]);
    expect(account.chats.totalUnread.value).toBe(0);
    expect(account.chats.focused.value).toBe(null);
    expect(account.invites.pending.value).toEqual([]);
    expect(account.search.text.value).toBe("");
    expect(account.pane.value).toEqual({ kind: "none" });
  });

  it("forgets the user's unsent messages, on purpose, so the next person cannot find them", async () => {
    await annBusy();
    world.sockets[0]!.open = false;
    const chatModel = session.account.value!.pane.value;
    if (chatModel.kind !== "chat") throw new Error("no open chat");
    chatModel.chat.send("typed but never sent");
    expect(world.storage.data.has(outboxKey("ann", "c1"))).toBe(true);
    await session.signOut();
    expect([...world.storage.data.keys()]).toEqual([]);
  });

  it("signs out even when the server cannot be told", async () => {
    await annBusy();
    world.api.auth.logout.mockRejectedValue(new ApiError("network", 0, "offline"));
    await expect(session.signOut()).rejects.toThrow("offline");
    expect(session.user.value).toBe(null);
    expect(world.openSockets()).toBe(0);
  });

  it("drops answers to the signed-out user's requests that arrive afterwards", async () => {
    await annBusy();
    const account = session.account.value!;
    const lateList = deferred<ReturnType<typeof chat>[]>();
    const lateInvites = deferred<ReturnType<typeof invite>[]>();
    world.api.chats.list.mockReturnValueOnce(lateList.promise);
    world.api.invites.list.mockReturnValueOnce(lateInvites.promise);
    void account.chats.reload();
    void account.invites.reload();

    await session.signOut();
    lateList.resolve([chat("c1", { name: "Ann's team" })]);
    lateInvites.resolve([invite("i1", "c9")]);
    await settle();

    expect(account.chats.all.value).toEqual([]);
    expect(account.invites.pending.value).toEqual([]);
  });

  it("gives the next person on the tab a fresh start: none of the first user's chats, invitations or search", async () => {
    await annBusy();
    await session.signOut();

    world.route.value = { name: "home" };
    world.api.auth.login.mockResolvedValue(ben);
    world.api.chats.list.mockResolvedValue([chat("c7", { name: "Ben's own" })]);
    world.api.invites.list.mockResolvedValue([]);
    await session.signIn({ username: "ben", password: "another-password" });
    await settle();

    const account = session.account.value!;
    expect(session.user.value).toEqual(ben);
    expect(account.chats.all.value.map((c) => c.name)).toEqual(["Ben's own"]);
    expect(account.invites.pending.value).toEqual([]);
    expect(account.search.text.value).toBe("");
    expect(account.pane.value).toEqual({ kind: "none" });
    expect(world.inboxes.map((i) => i.stopped)).toEqual([true, false]);
  });
});

describe("the server ending the session", () => {
  it("signs out on a 401 from any request", async () => {
    await annBusy();
    world.api.unauthenticated();
    expect(session.user.value).toBe(null);
    expect(world.openSockets()).toBe(0);
  });

  it("signs out when the inbox socket is closed with 4401", async () => {
    await annBusy();
    world.inboxes[0]!.handlers.onEnd();
    expect(session.user.value).toBe(null);
    expect(world.openSockets()).toBe(0);
  });

  it("signs out when the chat socket is closed with 4401, keeping the unsent messages for later", async () => {
    await annBusy();
    world.sockets[0]!.open = false;
    const pane = session.account.value!.pane.value;
    if (pane.kind !== "chat") throw new Error("no open chat");
    pane.chat.send("to send after signing in again");
    world.sockets[0]!.end("session_ended");
    expect(session.user.value).toBe(null);
    expect(world.openSockets()).toBe(0);
    expect(world.storage.data.has(outboxKey("ann", "c1"))).toBe(true);
  });
});
