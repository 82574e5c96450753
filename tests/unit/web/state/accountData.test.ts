// Deleting one's account from Settings (state/accountData.ts) and blocking from a profile card
// (state/people.ts): a deletion the server refuses changes nothing; one it accepts signs the
// tab out and forgets what this device kept for the person.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../../web/api/errors.ts";
import { outboxKey } from "../../../../web/realtime/outbox.ts";
import { dispose } from "../../../../web/state/lifetime.ts";
import { Session, type SessionModel } from "../../../../web/state/session.ts";
import { fakeWorld, settle, type World } from "../fakes.ts";
import { chat, member, user } from "../fixtures.ts";

const ann = user("ann", "Ann");
const ben = user("ben", "Ben");

let world: World;
let session: SessionModel;

beforeEach(async () => {
  world = fakeWorld();
  session = new Session(world.io);
  world.api.auth.login.mockResolvedValue(ann);
  world.api.chats.list.mockResolvedValue([chat("c1")]);
  world.api.chats.get.mockResolvedValue({ chat: chat("c1"), members: [member(ann), member(ben)] });
  world.api.chats.history.mockResolvedValue({ messages: [], hasMore: false, rev: 0 });
  await session.signIn({ username: "ann", password: "secret-password" });
  await settle();
});

afterEach(() => {
  dispose(session);
  vi.useRealTimers();
});

describe("deleting the account", () => {
  it("keeps the person signed in, with their data, when the server refuses", async () => {
    world.storage.setItem(outboxKey("ann", "c1"), "[]");
    world.api.me.remove.mockRejectedValue(new ApiError("forbidden", 403, "The current password is wrong."));
    const data = session.account.value!.data;
    expect(await data.remove("ann", "wrong")).toBe(false);
    expect(data.failure.value).toBe("forbidden");
    expect(session.user.value).toEqual(ann);
    expect(world.storage.data.has(outboxKey("ann", "c1"))).toBe(true);
  });

  it("signs out and forgets unsent messages and drafts once the server deleted it", async () => {
    world.storage.setItem(outboxKey("ann", "c1"), "[]");
    world.storage.setItem("qm.draft.ann.c1", "half a thought");
    world.storage.setItem("qm.theme", "dark");
    expect(await session.account.value!.data.remove("ann", "secret-password")).toBe(true);
    expect(world.api.me.remove).toHaveBeenCalledWith({ username: "ann", password: "secret-password" });
    expect(session.user.value).toBeNull();
    expect(session.account.value).toBeNull();
    // The device's own preferences are not the person's data.
    expect([...world.storage.data.keys()]).toEqual(["qm.theme"]);
  });
});

describe("blocking from a profile card", () => {
  it("mirrors the server's list: Block adds, Unblock removes, and a refusal is said", async () => {
    const { people } = session.account.value!;
    people.show(ben);
    await settle();
    expect(world.api.me.blocked).toHaveBeenCalled();
    expect(people.blockedIds.value.has(ben.id)).toBe(false);
    world.api.me.block.mockResolvedValue(ben);
    await people.block(ben);
    expect(people.blockedIds.value.has(ben.id)).toBe(true);
    await people.unblock(ben);
    expect(people.blocked.value).toEqual([]);
    world.api.chats.direct.mockRejectedValue(new ApiError("forbidden", 403, "no"));
    await people.message(ben);
    expect(people.failure.value).toBe("forbidden");
    expect(people.card.value).toEqual(ben);
  });
});
