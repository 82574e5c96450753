// An invite link's page: the chat's preview, joining (and where Back goes afterwards), and a
// plain explanation for a link that no longer works.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "../../../../web/api/errors.ts";
import { ChatList, type ChatListModel } from "../../../../web/state/chatList.ts";
import { JoinLink } from "../../../../web/state/joinLink.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { deferred, fakeWorld, settle, type World } from "../fakes.ts";
import { chat } from "../fixtures.ts";

let world: World;
let list: ChatListModel;
const preview = { id: "c1", name: "Trip", memberCount: 3 };

beforeEach(() => {
  world = fakeWorld();
  list = new ChatList(world.io.api.chats, world.io.page);
});

afterEach(() => {
  dispose(list);
});

describe("an invite link", () => {
  it("shows the chat's name and size", async () => {
    world.api.links.preview.mockResolvedValue(preview);
    const link = new JoinLink("tok", world.io, list);
    expect(link.state.value).toEqual({ phase: "loading" });
    await settle();
    expect(link.state.value).toEqual({ phase: "ready", chat: preview });
    expect(link.member.value).toBe(false);
  });

  it("says a spent link (404) is no longer valid, rather than showing an error", async () => {
    world.api.links.preview.mockRejectedValue(new ApiError("not_found", 404, "gone"));
    const link = new JoinLink("tok", world.io, list);
    await settle();
    expect(link.state.value).toEqual({ phase: "gone" });
  });

  it("shows another failure as an error", async () => {
    const offline = new ApiError("network", 0, "offline");
    world.api.links.preview.mockRejectedValue(offline);
    const link = new JoinLink("tok", world.io, list);
    await settle();
    expect(link.state.value).toEqual({ phase: "error", error: offline });
  });

  it("joins, puts the chat in the list and opens it in place of the link page", async () => {
    world.api.links.preview.mockResolvedValue(preview);
    world.api.links.join.mockResolvedValue(chat("c1", { name: "Trip" }));
    const link = new JoinLink("tok", world.io, list);
    await settle();
    await link.join();
    expect(list.all.value.map((c) => c.name)).toEqual(["Trip"]);
    expect(world.visited).toEqual(["/chats/c1 (replace)"]);
    expect(link.member.value).toBe(true);
  });

  it("offers to open the chat when the user is in it already", async () => {
    world.api.chats.list.mockResolvedValue([chat("c1", { role: "member" })]);
    await list.reload();
    world.api.links.preview.mockResolvedValue(preview);
    const link = new JoinLink("tok", world.io, list);
    await settle();
    expect(link.member.value).toBe(true);
  });

  it("keeps the page, with the reason, when joining fails; says gone when the link died meanwhile", async () => {
    world.api.links.preview.mockResolvedValue(preview);
    const link = new JoinLink("tok", world.io, list);
    await settle();
    const limited = new ApiError("rate_limited", 429, "slow down", 30);
    world.api.links.join.mockRejectedValueOnce(limited).mockRejectedValueOnce(new ApiError("not_found", 404, "gone"));
    await link.join();
    expect(link.error.value).toBe(limited);
    expect(link.joining.value).toBe(false);
    await link.join();
    expect(link.state.value).toEqual({ phase: "gone" });
    expect(world.visited).toEqual([]);
  });

  it("ignores a preview that arrives after the page was left", async () => {
    const late = deferred<typeof preview>();
    world.api.links.preview.mockReturnValue(late.promise);
    const link = new JoinLink("tok", world.io, list);
    dispose(link);
    late.resolve(preview);
    await settle();
    expect(link.state.value).toEqual({ phase: "loading" });
  });
});
