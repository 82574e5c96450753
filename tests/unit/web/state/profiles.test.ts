import { describe, expect, it } from "vitest";
import { chatWithProfile, mapChanged, memberWithProfile, messageWithProfile } from "../../../../web/state/profiles.ts";
import { chat, message, user } from "../fixtures.ts";

const renamed = { ...user("ann"), displayName: "Anna K", avatarUrl: "/api/users/ann/avatar?v=1" };

describe("a profile change applied to what is on screen", () => {
  it("renames the sender of a message, the author of a quote and the people of a system line", () => {
    const m = message(3, { replyTo: { seq: 1, sender: user("ann"), excerpt: "hi", deleted: false } });
    expect(messageWithProfile(m, renamed)).toMatchObject({ sender: renamed, replyTo: { sender: renamed, excerpt: "hi" } });
    const sys = message(4, { kind: "system", sender: null, system: { event: "removed", actor: user("bob"), target: user("ann"), name: null } });
    expect(messageWithProfile(sys, renamed).system).toEqual({ event: "removed", actor: user("bob"), target: renamed, name: null });
  });

  it("leaves other people's messages as they were, the same objects", () => {
    const m = message(5, { sender: user("bob") });
    expect(messageWithProfile(m, renamed)).toBe(m);
    const list = [m, message(6, { sender: user("cyd") })];
    expect(mapChanged(list, (x) => messageWithProfile(x, renamed))).toBe(list);
  });

  it("renames a direct chat after its person, but not a group they wrote in last", () => {
    const direct = chat("d1", { kind: "direct", name: "ANN", peer: user("ann") });
    expect(chatWithProfile(direct, renamed)).toMatchObject({ name: "Anna K", peer: renamed });
    const group = chat("g1", { name: "Team", lastMessage: message(2) });
    const after = chatWithProfile(group, renamed);
    expect(after.name).toBe("Team");
    expect(after.lastMessage?.sender).toEqual(renamed);
    const other = chat("g2", { name: "Other", lastMessage: message(2, { sender: user("bob") }) });
    expect(chatWithProfile(other, renamed)).toBe(other);
  });

  it("updates a member row", () => {
    const m = { user: user("ann"), role: "member" as const, joinedAt: "2026-01-01T00:00:00.000Z", lastReadSeq: 0 };
    expect(memberWithProfile(m, renamed).user).toBe(renamed);
    expect(memberWithProfile({ ...m, user: user("bob") }, renamed).user).toEqual(user("bob"));
  });
});
