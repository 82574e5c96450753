// The signed-in user's account: the right-hand pane follows the address (one open chat at a
// time, its socket closed when another opens), and inbox frames keep the list and the
// invitations current.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outboxKey } from "../../../../web/realtime/outbox.ts";
import { Account, type AccountModel } from "../../../../web/state/account.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { fakeWorld, settle, type World } from "../fakes.ts";
import { chat, invite, member, user } from "../fixtures.ts";

const ann = user("ann");
let world: World;
let account: AccountModel;
let ended = 0;

beforeEach(() => {
  world = fakeWorld();
  world.api.chats.get.mockImplementation(async (id: string) => ({ chat: chat(id), members: [member(ann)] }));
  ended = 0;
  account = new Account(ann, world.io, () => (ended += 1));
});

afterEach(() => {
  dispose(account);
});

describe("the pane", () => {
  it("shows nothing at the list's address", () => {
    expect(account.pane.value).toEqual({ kind: "none" });
    expect(world.sockets).toEqual([]);
  });

  it("opens the chat at /chats/:id, marks it as the one being read, and opens its socket once loaded", async () => {
    world.route.value = { name: "chat", chatId: "c1" };
    const pane = account.pane.value;
    expect(pane.kind === "chat" && pane.chatId).toBe("c1");
    expect(account.chats.focused.value).toBe("c1");
    await settle();
    expect(world.sockets.map((s) => s.chatId)).toEqual(["c1"]);
  });

  it("closes the previous chat's socket when another chat opens", async () => {
    world.route.value = { name: "chat", chatId: "c1" };
    await settle();
    world.route.value = { name: "chat", chatId: "c2" };
    await settle();
    expect(world.sockets.map((s) => [s.chatId, s.stopped])).toEqual([
      ["c1", true],
      ["c2", false],
    ]);
    expect(account.chats.focused.value).toBe("c2");
  });

  it("keeps the open chat when the address changes but still points at it", async () => {
    world.route.value = { name: "chat", chatId: "c1" };
    const before = account.pane.value;
    world.route.value = { name: "chat", chatId: "c1" };
    expect(account.pane.value).toBe(before);
    await settle();
    expect(world.sockets).toHaveLength(1);
  });

  it("closes the chat when going back to the list", async () => {
    world.route.value = { name: "chat", chatId: "c1" };
    await settle();
    world.route.value = { name: "home" };
    expect(account.pane.value).toEqual({ kind: "none" });
    expect(world.sockets[0]?.stopped).toBe(true);
    expect(account.chats.focused.value).toBe(null);
  });

  it("shows an invite link's preview at /join/:token", () => {
    world.api.links.preview.mockResolvedValue({ id: "c1", name: "Trip", memberCount: 2 });
    world.route.value = { name: "join", token: "tok" };
    const pane = account.pane.value;
    expect(pane.kind === "join" && pane.token).toBe("tok");
    expect(world.api.links.preview).toHaveBeenCalledWith("tok");
  });
});

describe("the inbox", () => {
  it("loads the list and the invitations at once, without waiting for the socket", async () => {
    await settle();
    expect(world.api.chats.list).toHaveBeenCalledTimes(1);
    expect(world.api.invites.list).toHaveBeenCalledTimes(1);
    expect(world.inboxes).toHaveLength(1);
  });

  it("reloads both on every (re)connect", async () => {
    await world.inboxes[0]!.handlers.resync();
    expect(world.api.chats.list).toHaveBeenCalledTimes(2);
    expect(world.api.invites.list).toHaveBeenCalledTimes(2);
  });

  it("keeps the list and the invitations current from its frames", async () => {
    await settle();
    const inbox = world.inboxes[0]!;
    inbox.frame({ type: "chat", chat: chat("c1", { name: "New" }) });
    inbox.frame({ type: "invite", invite: invite("i1", "c9") });
    expect(account.chats.all.value.map((c) => c.name)).toEqual(["New"]);
    expect(account.invites.pending.value.map((i) => i.id)).toEqual(["i1"]);
    inbox.frame({ type: "chat_removed", chatId: "c1" });
    inbox.frame({ type: "invite_removed", id: "i1" });
    expect(account.chats.all.value).toEqual([]);
    expect(account.invites.pending.value).toEqual([]);
  });

  it("reports a session the server ended", () => {
    world.inboxes[0]!.handlers.onEnd();
    expect(ended).toBe(1);
  });
});

describe("files on their way", () => {
  const photo = { id: "c1.p1", kind: "image", contentType: "image/png", size: 3, name: "p.png", width: null, height: null, durationMs: null, url: "/api/media/c1.p1", thumbnailUrl: null } as const;

  /** Ann picks a file in c1 (and presses Send); the upload is left hanging for the test to finish. */
  async function sendFileInC1(press = true) {
    let finish!: (a: typeof photo) => void;
    world.api.media.upload.mockImplementation(() => ({ done: new Promise((r) => (finish = r)), abort: () => {} }));
    world.route.value = { name: "chat", chatId: "c1" };
    await settle();
    const pane = account.pane.value;
    if (pane.kind !== "chat") throw new Error("no chat open");
    pane.chat.uploads.add([new File([new Uint8Array(3)], "p.png", { type: "image/png" })]);
    await settle();
    if (press) expect(pane.chat.send("see this")).toBe(true);
    return { finish: (a = photo) => finish(a), uploads: pane.chat.uploads };
  }

  it("keeps a chat's strip and its uploads when another chat is opened and back", async () => {
    const { uploads } = await sendFileInC1();
    world.route.value = { name: "chat", chatId: "c2" };
    await settle();
    world.route.value = { name: "chat", chatId: "c1" };
    const pane = account.pane.value;
    expect(pane.kind === "chat" && pane.chat.uploads).toBe(uploads);
    expect(uploads.items.value.map((it) => it.name)).toEqual(["p.png"]);
    expect(uploads.queued.value).toBe("see this");
  });

  it("sends a message whose uploads finish after its chat was closed: stored first, then over HTTP, once", async () => {
    const { finish } = await sendFileInC1();
    world.route.value = { name: "home" };
    await settle();
    world.api.media.post.mockResolvedValue(undefined as never);
    finish();
    await settle();
    const stored = JSON.parse(world.storage.getItem(outboxKey("ann", "c1"))!) as { clientId: string; body: string; attachments: unknown[] }[];
    expect(stored.map((e) => [e.body, e.attachments])).toEqual([["see this", [photo]]]);
    expect(world.api.media.post).toHaveBeenCalledWith("c1", { clientId: stored[0]!.clientId, body: "see this", attachmentIds: ["c1.p1"] });

    // Opening the chat again resends it with the same clientId: the room stores it once.
    world.route.value = { name: "chat", chatId: "c1" };
    await settle();
    const socket = world.sockets.at(-1)!;
    socket.frame({ type: "ready", rev: 0, lastSeq: 0, online: ["ann"] });
    expect(socket.sent.filter((f) => f.type === "send")).toEqual([{ type: "send", clientId: stored[0]!.clientId, body: "see this", attachmentIds: ["c1.p1"] }]);
  });

  it("takes back what was uploaded when the user signs out", async () => {
    const { finish } = await sendFileInC1(false);
    finish();
    await settle();
    dispose(account);
    expect(world.api.media.discard).toHaveBeenCalledWith("c1.p1");
    account = new Account(ann, world.io, () => (ended += 1));
  });
});

describe("opening a message found by search", () => {
  it("opens another chat around the message, and jumps within the chat already open", async () => {
    world.route.value = { name: "chat", chatId: "c1" };
    await settle();
    account.openAt("c2", 40);
    expect(world.visited.at(-1)).toBe("/chats/c2");
    await settle();
    expect(world.api.chats.history).toHaveBeenCalledWith("c2", { around: 40, limit: 50 });

    world.api.chats.history.mockClear();
    account.openAt("c2", 7);
    await settle();
    expect(world.visited.at(-1)).toBe("/chats/c2");
    expect(world.api.chats.history).toHaveBeenCalledWith("c2", { around: 7, limit: 50 });
    const pane = account.pane.value;
    expect(pane.kind === "chat" && pane.chatId).toBe("c2");
  });

  it("forgets the message once that chat has opened: coming back opens at the newest", async () => {
    account.openAt("c3", 5);
    await settle();
    world.route.value = { name: "home" };
    world.route.value = { name: "chat", chatId: "c3" };
    await settle();
    expect(world.api.chats.history).toHaveBeenLastCalledWith("c3", { limit: 50 });
  });
});
