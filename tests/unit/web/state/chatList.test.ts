// The chat list: latest activity first, unread counts as a reader expects them, and a name
// filter whose late answers never replace a newer one.
import { afterEach, describe, expect, it } from "vitest";
import { withMessage, withRead, ChatList, type ChatListModel } from "../../../../web/state/chatList.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { deferred, fakeWorld, settle, type World } from "../fakes.ts";
import { chat, message, user } from "../fixtures.ts";

const ann = user("ann");
const ben = user("ben");

let world: World;
let list: ChatListModel | undefined;

function open(): ChatListModel {
  world = fakeWorld();
  list = new ChatList(world.io.api.chats, world.io.page);
  return list;
}

afterEach(() => {
  if (list) dispose(list);
  list = undefined;
});

const names = (chats: { name: string }[]) => chats.map((c) => c.name);
const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 10, min)).toISOString();

describe("a message arriving", () => {
  it("moves the chat up and counts someone else's message as unread", () => {
    const before = chat("c1", { lastSeq: 4, unread: 1, lastReadSeq: 3 });
    const after = withMessage(before, message(5, { sender: ben, chatId: "c1" }), "ann");
    expect(after).toMatchObject({ lastSeq: 5, unread: 2, lastReadSeq: 3 });
    expect(after?.lastMessage?.seq).toBe(5);
  });

  it("does not count my own message, and takes it as read up to there", () => {
    const after = withMessage(chat("c1", { lastSeq: 4, unread: 2, lastReadSeq: 2 }), message(5, { sender: ann }), "ann");
    expect(after).toMatchObject({ lastSeq: 5, unread: 2, lastReadSeq: 5 });
  });

  it("does not count a system line (someone joined)", () => {
    const after = withMessage(chat("c1", { lastSeq: 4 }), message(5, { kind: "system", sender: null }), "ann");
    expect(after).toMatchObject({ lastSeq: 5, unread: 0 });
  });

  it("is not news when the list already has it (the inbox frame came first)", () => {
    expect(withMessage(chat("c1", { lastSeq: 5, unread: 1 }), message(5, { sender: ben }), "ann")).toBe(null);
    expect(withMessage(chat("c1", { lastSeq: 6, unread: 1 }), message(5, { sender: ben }), "ann")).toBe(null);
  });
});

describe("reading", () => {
  it("zeroes the unread count and moves the mark forward, never back", () => {
    expect(withRead(chat("c1", { unread: 3, lastReadSeq: 2 }), 5)).toMatchObject({ unread: 0, lastReadSeq: 5 });
    expect(withRead(chat("c1", { unread: 1, lastReadSeq: 9 }), 5)).toMatchObject({ unread: 0, lastReadSeq: 9 });
    expect(withRead(chat("c1", { unread: 0, lastReadSeq: 9 }), 5)).toBe(null);
  });
});

describe("the list", () => {
  it("shows the chats with the latest activity first", async () => {
    const list = open();
    world.api.chats.list.mockResolvedValue([
      chat("old", { name: "Old", lastMessage: message(1, { createdAt: at(1) }) }),
      chat("new", { name: "New", lastMessage: message(1, { createdAt: at(30) }) }),
      chat("mid", { name: "Mid", lastMessage: message(1, { createdAt: at(10) }) }),
    ]);
    await list.reload();
    expect(names(list.all.value)).toEqual(["New", "Mid", "Old"]);
    expect(list.loaded.value).toBe(true);
  });

  it("moves a chat to the top when a message arrives in it", async () => {
    const list = open();
    world.api.chats.list.mockResolvedValue([
      chat("a", { name: "A", lastSeq: 1, lastMessage: message(1, { createdAt: at(20) }) }),
      chat("b", { name: "B", lastSeq: 1, lastMessage: message(1, { createdAt: at(10) }) }),
    ]);
    await list.reload();
    list.noteMessage("b", message(2, { chatId: "b", sender: ben, createdAt: at(40) }), "ann");
    expect(names(list.all.value)).toEqual(["B", "A"]);
    expect(list.all.value[0]?.unread).toBe(1);
  });

  it("keeps the unread count of the chat being read at 0 while the tab is visible, and counts it when hidden", async () => {
    const list = open();
    world.api.chats.list.mockResolvedValue([chat("c1", { lastSeq: 1 })]);
    await list.reload();
    list.focus("c1");
    list.upsert(chat("c1", { lastSeq: 2, unread: 1 }));
    expect(list.all.value[0]).toMatchObject({ unread: 0, lastReadSeq: 2 });
    world.page.visible = false;
    list.upsert(chat("c1", { lastSeq: 3, unread: 1 }));
    expect(list.all.value[0]).toMatchObject({ unread: 1 });
  });

  it("adds up the unread counts for the tab title, counting only mentions in muted chats", async () => {
    const list = open();
    world.api.chats.list.mockResolvedValue([
      chat("a", { unread: 2 }),
      chat("b", { unread: 5, muted: true }),
      chat("c", { unread: 1 }),
      chat("d", { unread: 4, unreadMentions: 2, muted: true }),
    ]);
    await list.reload();
    expect(list.totalUnread.value).toBe(5);
  });

  it("says why the list could not load, and keeps what it had", async () => {
    const list = open();
    world.api.chats.list.mockResolvedValueOnce([chat("a")]).mockRejectedValueOnce(new Error("offline"));
    await list.reload();
    await list.reload();
    expect(list.loadError.value).toBe("offline");
    expect(list.all.value.map((c) => c.id)).toEqual(["a"]);
  });

  it("drops a chat the user left or lost", async () => {
    const list = open();
    world.api.chats.list.mockResolvedValue([chat("a"), chat("b")]);
    await list.reload();
    list.remove("a");
    expect(list.all.value.map((c) => c.id)).toEqual(["b"]);
  });
});

describe("filtering by name", () => {
  it("shows the server's matches while a query is typed, and everything again when it is cleared", async () => {
    const list = open();
    world.api.chats.list.mockImplementation(async (q?: string) => {
      const admins = chat("a", { name: "Admins", lastMessage: message(1, { createdAt: at(30) }) });
      const books = chat("b", { name: "Book club", lastMessage: message(1, { createdAt: at(10) }) });
      return q ? [books] : [books, admins];
    });
    await list.reload();
    await list.search("book");
    expect(world.api.chats.list).toHaveBeenLastCalledWith("book");
    expect(names(list.visible.value)).toEqual(["Book club"]);
    await list.search("  ");
    expect(names(list.visible.value)).toEqual(["Admins", "Book club"]);
  });

  it("never lets the answer to an older query replace a newer one", async () => {
    const list = open();
    const slow = deferred<ReturnType<typeof chat>[]>();
    world.api.chats.list.mockReturnValueOnce(slow.promise).mockResolvedValueOnce([chat("b", { name: "Book club" })]);
    const first = list.search("b");
    await list.search("bo");
    slow.resolve([chat("x", { name: "Bx" }), chat("b", { name: "Book club" })]);
    await first;
    expect(names(list.visible.value)).toEqual(["Book club"]);
    expect(list.searching.value).toBe(false);
  });

  it("finds a public chat from the results by id, so the chat being read there has a name", async () => {
    const list = open();
    world.api.chats.list.mockImplementation(async (q?: string) => (q ? [chat("pub", { name: "Public", role: null })] : []));
    await list.search("pub");
    expect(list.byId.value.get("pub")?.name).toBe("Public");
  });

  it("shows nothing found, rather than stale matches, when the filter request fails", async () => {
    const list = open();
    world.api.chats.list.mockRejectedValue(new Error("offline"));
    await list.search("book");
    expect(list.visible.value).toEqual([]);
    await settle();
  });
});
