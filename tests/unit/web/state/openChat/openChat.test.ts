// One open chat from end to end, against a fake API and socket: what loads, when the socket
// opens, how frames show up, what happens when the chat ends for the user, and that closing
// it leaves nothing running.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Chat } from "#protocol";
import { ApiError } from "../../../../../web/api/errors.ts";
import { outboxKey } from "../../../../../web/realtime/outbox.ts";
import { ChatList, type ChatListModel } from "../../../../../web/state/chatList.ts";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { OpenChat, type OpenChatModel } from "../../../../../web/state/openChat/openChat.ts";
import { fakeWorld, settle, type FakeChatSocket, type World } from "../../fakes.ts";
import { chat, member, message, user } from "../../fixtures.ts";

const ann = user("ann", "Ann");
const ben = user("ben", "Ben");

let world: World;
let list: ChatListModel;
let model: OpenChatModel | null;
let sessionEnded: number;

function serve(c: Chat, messages = [message(1), message(2)]): void {
  world.api.chats.get.mockResolvedValue({ chat: c, members: [member(ann), member(ben, { lastReadSeq: 1 })] });
  world.api.chats.history.mockResolvedValue({ messages, hasMore: false, rev: messages.length });
}

async function openChat(): Promise<OpenChatModel> {
  model = new OpenChat("c1", ann, world.io, list, () => (sessionEnded += 1));
  await settle();
  return model;
}

async function liveChat(): Promise<{ m: OpenChatModel; socket: FakeChatSocket }> {
  serve(chat("c1"));
  await list.reload();
  const m = await openChat();
  const socket = world.sockets[0]!;
  socket.frame({ type: "ready", rev: 2, lastSeq: 2, online: ["ann", "ben"] });
  return { m, socket };
}

beforeEach(() => {
  world = fakeWorld();
  world.api.chats.list.mockImplementation(async () => [chat("c1", { lastSeq: 2 })]);
  list = new ChatList(world.io.api.chats, world.io.page);
  model = null;
  sessionEnded = 0;
});

afterEach(() => {
  if (model) dispose(model);
  dispose(list);
  vi.useRealTimers();
});

describe("opening", () => {
  it("loads the chat, its members and its newest messages, then opens the socket from that revision", async () => {
    serve(chat("c1"));
    const m = await openChat();
    expect(m.phase.value).toBe("ready");
    expect(m.messages.value.map((x) => x.seq)).toEqual([1, 2]);
    expect(m.roster.othersRead.value).toBe(1);
    expect(world.sockets.map((s) => s.chatId)).toEqual(["c1"]);
    expect(world.sockets[0]!.handlers.rev()).toBe(2);
    expect(m.live.value).toBe(false);
  });

  it("opens no socket for a public chat the user only reads, and opens one once they join", async () => {
    serve(chat("c1", { role: null, visibility: "public" }));
    world.api.chats.list.mockResolvedValue([]);
    const m = await openChat();
    expect(m.member.value).toBe(false);
    expect(world.sockets).toEqual([]);
    world.api.chats.join.mockResolvedValue(chat("c1", { role: "member" }));
    await m.join();
    expect(m.member.value).toBe(true);
    expect(world.sockets).toHaveLength(1);
    expect(list.all.value.map((c) => c.id)).toEqual(["c1"]);
  });

  it("says a chat does not exist (404)", async () => {
    world.api.chats.get.mockRejectedValue(new ApiError("not_found", 404, "no such chat"));
    const m = await openChat();
    expect(m.phase.value).toBe("not_found");
    expect(world.sockets).toEqual([]);
  });

  it("opened offline, tries again as soon as the network is back", async () => {
    serve(chat("c1"));
    world.api.chats.get.mockRejectedValueOnce(new ApiError("network", 0, "offline"));
    const m = await openChat();
    expect(m.phase.value).toBe("error");
    expect(world.page.onlineListeners.size).toBe(1);
    world.page.backOnline();
    await settle();
    expect(m.phase.value).toBe("ready");
  });
});

describe("where the reader left off", () => {
  it("remembers the read mark of the opening when something was unread, and keeps it while the mark moves", async () => {
    serve(chat("c1", { lastSeq: 4, lastReadSeq: 2, unread: 2 }), [1, 2, 3, 4].map((n) => message(n, { sender: ben })));
    await list.reload();
    const m = await openChat();
    expect(m.unreadAfter.value).toBe(2);
    world.sockets[0]!.frame({ type: "ready", rev: 4, lastSeq: 4, online: [] });
    expect(world.sockets[0]!.sent).toContainEqual({ type: "read", seq: 4 });
    expect(m.unreadAfter.value).toBe(2);
  });

  it("has no divider when everything was read, nor when opened at a search result", async () => {
    serve(chat("c1", { lastSeq: 2, lastReadSeq: 2, unread: 0 }));
    expect((await openChat()).unreadAfter.value).toBeNull();
    dispose(model!);
    serve(chat("c1", { lastSeq: 4, lastReadSeq: 2, unread: 2 }));
    model = new OpenChat("c1", ann, world.io, list, () => undefined, { focus: 1 });
    await settle();
    expect(model.unreadAfter.value).toBeNull();
  });

  it("loads the page around the first unread message when more is unread than the newest page holds", async () => {
    world.api.chats.list.mockResolvedValue([chat("c1", { lastSeq: 200, lastReadSeq: 120, unread: 80 })]);
    await list.reload();
    serve(chat("c1", { lastSeq: 200, lastReadSeq: 120, unread: 80 }));
    await openChat();
    expect(world.api.chats.history).toHaveBeenCalledWith("c1", { around: 121, limit: 50 });
  });

  it("loads the newest page when the unread messages fit in it", async () => {
    world.api.chats.list.mockResolvedValue([chat("c1", { lastSeq: 200, lastReadSeq: 190, unread: 10 })]);
    await list.reload();
    serve(chat("c1", { lastSeq: 200, lastReadSeq: 190, unread: 10 }));
    await openChat();
    expect(world.api.chats.history).toHaveBeenCalledWith("c1", { limit: 50 });
  });
});

describe("a closed direct chat", () => {
  it("says why it takes no messages, and re-reads it when a send is refused", async () => {
    const direct = chat("c1", { kind: "direct", peer: ben });
    world.api.chats.get.mockResolvedValue({ chat: direct, members: [member(ann), member(ben)] });
    world.api.chats.history.mockResolvedValue({ messages: [message(1)], hasMore: false, rev: 1 });
    const m = await openChat();
    expect(m.closed.value).toBeNull();
    // Ben blocks Ann meanwhile: her next send is refused, and the chat says it is closed.
    world.api.chats.get.mockResolvedValue({ chat: direct, members: [member(ann), member(ben)], closed: "blocked" });
    world.sockets[0]!.frame({ type: "ready", rev: 1, lastSeq: 1, online: [] });
    world.sockets[0]!.frame({ type: "error", code: "forbidden", message: "closed", clientId: "x" });
    await settle();
    expect(m.closed.value).toBe("blocked");
  });
});

describe("live", () => {
  it("is live after the room's ready, with who is online", async () => {
    const { m } = await liveChat();
    expect(m.live.value).toBe(true);
    expect(m.online.value).toEqual(["ann", "ben"]);
  });

  it("shows a new message, moves the chat up in the list and marks it read", async () => {
    const { m, socket } = await liveChat();
    socket.frame({ type: "message", message: message(3, { sender: ben, body: "hi", rev: 3 }) });
    expect(m.messages.value.map((x) => x.body).at(-1)).toBe("hi");
    expect(list.all.value[0]?.lastSeq).toBe(3);
    expect(list.all.value[0]?.unread).toBe(0);
    // The room hears of it within a second (read marks are sent at most once a second).
    await vi.waitFor(() => expect(socket.sent.at(-1)).toEqual({ type: "read", seq: 3 }), { timeout: 2000, interval: 50 });
  });

  it("fetches what it missed while away when the room says there is more", async () => {
    serve(chat("c1"));
    const m = await openChat();
    world.api.chats.history.mockResolvedValueOnce({ messages: [message(3), message(4)], hasMore: false, rev: 4 });
    world.sockets[0]!.frame({ type: "ready", rev: 4, lastSeq: 4, online: [] });
    await settle();
    expect(world.api.chats.history).toHaveBeenLastCalledWith("c1", { after: 2, limit: 100 });
    expect(m.messages.value.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });

  it("reloads what it shows and what came after when the room says reset instead of catching up", async () => {
    serve(chat("c1"));
    const m = await openChat();
    const socket = world.sockets[0]!;
    world.api.chats.history.mockResolvedValueOnce({ messages: [message(1, { body: "edited meanwhile", rev: 1500 }), message(2), message(3)], hasMore: false, rev: 2000 });
    socket.frame({ type: "reset", rev: 2000, lastSeq: 3 });
    socket.frame({ type: "ready", rev: 2000, lastSeq: 3, online: [] });
    await settle();
    expect(world.api.chats.history).toHaveBeenLastCalledWith("c1", { after: 0, limit: 100 });
    expect(m.messages.value.map((x) => [x.seq, x.body])).toEqual([
      [1, "edited meanwhile"],
      [2, "message 2"],
      [3, "message 3"],
    ]);
    // The next reconnect goes on from the room's revision, not from before the reset.
    expect(socket.handlers.rev()).toBe(2000);
    expect(m.live.value).toBe(true);
  });

  it("fetches the messages a live frame skipped", async () => {
    const { m, socket } = await liveChat();
    world.api.chats.history.mockResolvedValueOnce({ messages: [message(3), message(4), message(5)], hasMore: false, rev: 5 });
    socket.frame({ type: "message", message: message(5, { rev: 5 }) });
    await settle();
    expect(world.api.chats.history).toHaveBeenLastCalledWith("c1", { after: 2, limit: 100 });
    expect(m.messages.value.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("sends what was typed offline once live, after catch-up, and clears it when the room confirms", async () => {
    serve(chat("c1"));
    const m = await openChat();
    const socket = world.sockets[0]!;
    m.send("typed before ready");
    expect(socket.sent).toEqual([]);
    socket.frame({ type: "ready", rev: 2, lastSeq: 2, online: [] });
    const clientId = m.pending.value[0]!.clientId;
    expect(socket.sent[0]).toEqual({ type: "send", clientId, body: "typed before ready" });
    socket.frame({ type: "ack", clientId, seq: 3, rev: 3 });
    expect(m.pending.value.map((e) => e.state)).toEqual(["sent"]);
    socket.frame({ type: "message", message: message(3, { sender: ann, clientId, body: "typed before ready", rev: 3 }) });
    expect(m.pending.value).toEqual([]);
    expect(world.storage.data.has(outboxKey("ann", "c1"))).toBe(false);
  });

  it("keeps sending messages in the outbox while the socket is down", async () => {
    const { m, socket } = await liveChat();
    socket.down();
    expect(m.live.value).toBe(false);
    m.send("while down");
    expect(socket.sent.filter((f) => f.type === "send")).toEqual([]);
    expect(m.pending.value.map((e) => e.body)).toEqual(["while down"]);
  });

  it("shows who is typing, but never the user themself", async () => {
    const { m, socket } = await liveChat();
    socket.frame({ type: "typing", user: ann });
    socket.frame({ type: "typing", user: ben });
    expect(m.typing.value.map((u) => u.id)).toEqual(["ben"]);
    socket.frame({ type: "message", message: message(3, { sender: ben, rev: 3 }) });
    expect(m.typing.value).toEqual([]);
  });

  it("re-reads the members after a system message (someone joined)", async () => {
    const { socket } = await liveChat();
    world.api.chats.get.mockClear();
    socket.frame({ type: "message", message: message(3, { kind: "system", sender: null, rev: 3 }) });
    await settle();
    expect(world.api.chats.get).toHaveBeenCalledWith("c1");
  });

  it("ticks the user's messages read when another member reads them", async () => {
    const { m, socket } = await liveChat();
    socket.frame({ type: "read", userId: "ben", seq: 2 });
    expect(m.roster.othersRead.value).toBe(2);
  });
});

describe("the end of a chat", () => {
  it("tells a removed member, and drops the chat from their list", async () => {
    const { m, socket } = await liveChat();
    socket.end("removed");
    expect(m.phase.value).toBe("removed");
    expect(m.live.value).toBe(false);
    expect(list.all.value).toEqual([]);
  });

  it("keeps a chat whose socket another window replaced (4409) until the person takes it back", async () => {
    const { m, socket } = await liveChat();
    socket.end("replaced");
    expect(m.phase.value).toBe("replaced");
    expect(m.live.value).toBe(false);
    expect(list.all.value.map((c) => c.id)).toEqual(["c1"]);
    // No reconnect by itself: that would close the next oldest socket in turn.
    expect(world.sockets).toHaveLength(1);
    m.retryOpen();
    expect(m.phase.value).toBe("ready");
    expect(world.sockets).toHaveLength(2);
    expect(world.sockets[1]!.handlers.rev()).toBe(2);
    world.sockets[1]!.frame({ type: "ready", rev: 2, lastSeq: 2, online: ["ann"] });
    expect(m.live.value).toBe(true);
  });

  it("reports a session the server ended, leaving the rest to the session", async () => {
    const { socket } = await liveChat();
    socket.end("session_ended");
    expect(sessionEnded).toBe(1);
  });

  it("leaves the chat from the info panel: out of the list, back to it", async () => {
    const { m } = await liveChat();
    m.left();
    expect(list.all.value).toEqual([]);
    expect(world.visited).toEqual(["/ (replace)"]);
  });
});

describe("closing", () => {
  it("stops the socket, the typing timer and the page listeners", async () => {
    vi.useFakeTimers();
    const { m, socket } = await liveChat();
    socket.frame({ type: "typing", user: ben });
    expect(vi.getTimerCount()).toBe(1);
    dispose(m);
    model = null;
    expect(socket.stopped).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(world.page.visibilityListeners.size).toBe(0);
  });

  it("ignores a page that arrives after the chat was closed", async () => {
    serve(chat("c1"));
    model = new OpenChat("c1", ann, world.io, list, () => undefined);
    const m = model;
    dispose(m);
    model = null;
    await settle();
    expect(m.phase.value).toBe("loading");
    expect(m.messages.value).toEqual([]);
    expect(world.sockets).toEqual([]);
  });
});

describe("acting on messages", () => {
  it("opens at a message it was asked to show, with the page around it", async () => {
    serve(chat("c1"));
    world.api.chats.history.mockResolvedValue({ messages: [message(40), message(41)], hasMore: true, hasNewer: true, rev: 90 });
    model = new OpenChat("c1", ann, world.io, list, () => undefined, { focus: 41 });
    await settle();
    expect(world.api.chats.history).toHaveBeenCalledWith("c1", { around: 41, limit: 50 });
    expect(model.highlight.value?.seq).toBe(41);
    expect(model.hasNewer.value).toBe(true);
  });

  it("sends a reply with its original, and edits, deletions and reactions as frames", async () => {
    const { m, socket } = await liveChat();
    m.compose.replyTo(message(1));
    m.compose.type("answer");
    m.compose.submit();
    m.actions.edit(2, "fixed");
    m.actions.remove(1);
    m.actions.react(2, "👍", true);
    expect(socket.sent.map((f) => ({ ...f, clientId: undefined }))).toEqual([
      { type: "read", seq: 2, clientId: undefined },
      { type: "send", body: "answer", replyTo: 1, clientId: undefined },
      { type: "edit", seq: 2, body: "fixed", clientId: undefined },
      { type: "delete", seq: 1, clientId: undefined },
      { type: "react", seq: 2, emoji: "👍", on: true, clientId: undefined },
    ]);
  });

  it("sends a reply with files once they are uploaded: one message with its original and its attachments", async () => {
    const photo = { id: "c1.p1", kind: "image", contentType: "image/png", size: 3, name: "p.png", width: null, height: null, durationMs: null, url: "/api/media/c1.p1", thumbnailUrl: null } as const;
    const { m, socket } = await liveChat();
    let finish!: (a: typeof photo) => void;
    world.api.media.upload.mockImplementation(() => ({ done: new Promise((r) => (finish = r)), abort: () => {} }));
    m.uploads.add([new File([new Uint8Array(3)], "p.png", { type: "image/png" })]);
    await settle();
    m.compose.replyTo(message(1));
    m.compose.type("look at this");
    expect(m.compose.submit()).toBe(true);
    // The composer is free again; the message waits in the strip for its upload.
    expect([m.compose.text.value, m.compose.reply.value]).toEqual(["", null]);
    expect(m.uploads.queued.value).toBe("look at this");
    expect(socket.sent.filter((f) => f.type === "send")).toEqual([]);
    finish(photo);
    await settle();
    const sends = socket.sent.filter((f) => f.type === "send");
    expect(sends.map((f) => ({ ...f, clientId: undefined }))).toEqual([{ type: "send", body: "look at this", replyTo: 1, attachmentIds: ["c1.p1"], clientId: undefined }]);
    // The outbox keeps both, so a resend after a reload is the same message.
    expect(m.pending.value.map((e) => [e.replyTo, e.attachments?.map((a) => a.id)])).toEqual([[1, ["c1.p1"]]]);
  });

  it("acts over HTTP while the socket is down, and says why an action did not happen", async () => {
    const { m, socket } = await liveChat();
    socket.frame({ type: "error", code: "rate_limited", message: "slow down" });
    expect(m.actions.notice.value).toBe("rate_limited");
    socket.down();
    expect(m.actions.react(1, "👍", true)).toBe(true);
    m.actions.remove(2);
    expect(world.api.messages.react).toHaveBeenCalledWith("c1", 1, "👍", true);
    expect(world.api.messages.remove).toHaveBeenCalledWith("c1", 2);
    expect(socket.sent.filter((f) => f.type === "react" || f.type === "delete")).toEqual([]);
    world.api.messages.edit.mockRejectedValueOnce(new ApiError("network", 0, "offline"));
    m.actions.edit(2, "fixed");
    await settle();
    expect(m.actions.notice.value).toBe("network");
  });
});
