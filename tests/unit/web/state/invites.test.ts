// Invitations above the chat list: newest first, gone once answered, and an accepted one's
// chat in the list at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatList, type ChatListModel } from "../../../../web/state/chatList.ts";
import { Invites, type InvitesModel } from "../../../../web/state/invites.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { fakeWorld, type World } from "../fakes.ts";
import { chat, invite } from "../fixtures.ts";

let world: World;
let list: ChatListModel;
let invites: InvitesModel;

beforeEach(() => {
  world = fakeWorld();
  list = new ChatList(world.io.api.chats, world.io.page);
  invites = new Invites(world.io.api.invites, list);
});

afterEach(() => {
  dispose(invites);
  dispose(list);
});

describe("invitations", () => {
  it("shows a new one first, and the same one once", () => {
    invites.add(invite("i1", "c1"));
    invites.add(invite("i2", "c2"));
    invites.add(invite("i1", "c1"));
    expect(invites.pending.value.map((i) => i.id)).toEqual(["i1", "i2"]);
  });

  it("puts an accepted invitation's chat in the list at once and drops the invitation", async () => {
    invites.add(invite("i1", "c1"));
    world.api.invites.accept.mockResolvedValue(chat("c1", { name: "Trip" }));
    const joined = await invites.accept("i1");
    expect(joined.id).toBe("c1");
    expect(invites.pending.value).toEqual([]);
    expect(list.all.value.map((c) => c.name)).toEqual(["Trip"]);
  });

  it("drops a declined invitation, and its chat never shows up", async () => {
    invites.add(invite("i1", "c1"));
    await invites.decline("i1");
    expect(invites.pending.value).toEqual([]);
    expect(list.all.value).toEqual([]);
  });

  it("keeps an invitation whose answer failed, to try again", async () => {
    invites.add(invite("i1", "c1"));
    world.api.invites.accept.mockRejectedValue(new Error("offline"));
    await expect(invites.accept("i1")).rejects.toThrow("offline");
    expect(invites.pending.value.map((i) => i.id)).toEqual(["i1"]);
  });

  it("keeps what it shows when a reload fails", async () => {
    invites.add(invite("i1", "c1"));
    world.api.invites.list.mockRejectedValue(new Error("offline"));
    await invites.reload();
    expect(invites.pending.value.map((i) => i.id)).toEqual(["i1"]);
  });
});
