// The search box: one request per pause in typing, three kinds of result, and answers to an
// older query never shown over a newer one.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatList, type ChatListModel } from "../../../../web/state/chatList.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { Search, type SearchModel } from "../../../../web/state/search.ts";
import { deferred, fakeWorld, type World } from "../fakes.ts";
import { chat, user } from "../fixtures.ts";

let world: World;
let list: ChatListModel;
let search: SearchModel;
let opened: [string, number][];

beforeEach(() => {
  vi.useFakeTimers();
  world = fakeWorld();
  list = new ChatList(world.io.api.chats, world.io.page);
  opened = [];
  search = new Search("ann", world.io, list, (chatId, seq) => opened.push([chatId, seq]));
});

afterEach(() => {
  dispose(search);
  dispose(list);
  vi.useRealTimers();
});

async function typeSlowly(text: string): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    search.type(text.slice(0, i));
    await vi.advanceTimersByTimeAsync(50);
  }
}

describe("searching", () => {
  it("shows what is typed at once but asks the server only once typing pauses", async () => {
    await typeSlowly("team");
    expect(search.text.value).toBe("team");
    expect(world.api.chats.discover).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(world.api.chats.discover.mock.calls).toEqual([["team"]]);
    expect(world.api.users.search.mock.calls).toEqual([["team"]]);
    expect(world.api.chats.list.mock.calls).toEqual([["team"]]);
    expect(list.query.value).toBe("team");
  });

  it("shows public chats not yet joined and other people, never the user themself", async () => {
    world.api.chats.discover.mockResolvedValue([chat("mine", { role: "member" }), chat("open", { name: "Open", role: null })]);
    world.api.users.search.mockResolvedValue([user("ann"), user("anna")]);
    search.type("ann");
    await vi.advanceTimersByTimeAsync(200);
    expect(search.publicChats.value.map((c) => c.id)).toEqual(["open"]);
    expect(search.people.value.map((u) => u.id)).toEqual(["anna"]);
    expect(search.searching.value).toBe(false);
  });

  it("never shows the answer to an older query over a newer one", async () => {
    const slow = deferred<ReturnType<typeof user>[]>();
    world.api.users.search.mockReturnValueOnce(slow.promise).mockResolvedValueOnce([user("bob")]);
    search.type("b");
    await vi.advanceTimersByTimeAsync(200);
    search.type("bo");
    await vi.advanceTimersByTimeAsync(200);
    slow.resolve([user("ben")]);
    await vi.advanceTimersByTimeAsync(0);
    expect(search.people.value.map((u) => u.id)).toEqual(["bob"]);
  });

  it("clears the results at once when the box is emptied", async () => {
    world.api.users.search.mockResolvedValue([user("bob")]);
    search.type("bo");
    await vi.advanceTimersByTimeAsync(200);
    search.type("");
    await vi.advanceTimersByTimeAsync(0);
    expect(search.people.value).toEqual([]);
    expect(list.query.value).toBe("");
  });

  it("sends no more than the API accepts: 100 characters for chats, 64 for people, counting emoji as one", async () => {
    const long = "🙂".repeat(120);
    search.type(long);
    await vi.advanceTimersByTimeAsync(200);
    expect([...world.api.chats.discover.mock.calls[0]![0]]).toHaveLength(100);
    expect([...world.api.users.search.mock.calls[0]![0]]).toHaveLength(64);
  });

  it("still shows the other results when one kind of search fails", async () => {
    world.api.chats.discover.mockRejectedValue(new Error("offline"));
    world.api.users.search.mockResolvedValue([user("bob")]);
    search.type("bo");
    await vi.advanceTimersByTimeAsync(200);
    expect(search.people.value.map((u) => u.id)).toEqual(["bob"]);
    expect(search.publicChats.value).toEqual([]);
  });
});

describe("acting on a result", () => {
  it("opens the direct chat with a person, made on first use", async () => {
    world.api.chats.direct.mockResolvedValue(chat("d1", { kind: "direct", name: "Bob" }));
    await search.writeTo(user("bob"));
    expect(world.api.chats.direct).toHaveBeenCalledWith("bob");
    expect(list.all.value.map((c) => c.id)).toEqual(["d1"]);
    expect(world.visited).toEqual(["/chats/d1"]);
  });

  it("joins a public chat: it leaves the public results, joins the list and opens", async () => {
    world.api.chats.discover.mockResolvedValue([chat("open", { role: null })]);
    search.type("op");
    await vi.advanceTimersByTimeAsync(200);
    world.api.chats.join.mockResolvedValue(chat("open", { role: "member" }));
    await search.join(search.publicChats.value[0]!);
    expect(search.publicChats.value).toEqual([]);
    expect(list.all.value.map((c) => [c.id, c.role])).toEqual([["open", "member"]]);
    expect(world.visited).toEqual(["/chats/open"]);
  });

  it("stops a pending search when the user signs out", async () => {
    search.type("team");
    dispose(search);
    await vi.advanceTimersByTimeAsync(500);
    expect(world.api.chats.discover).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
