// The members of the open chat, owner first, and how far the others have read (the ticks on
// the user's own messages).
import { describe, expect, it } from "vitest";
import { Roster } from "../../../../../web/state/openChat/roster.ts";
import { member, user } from "../../fixtures.ts";

const ann = user("ann");
const ben = user("ben");
const cat = user("cat");

describe("the roster", () => {
  it("lists the owner first, then admins, then members, in joining order within each", () => {
    const r = new Roster("ann");
    r.set([member(ann), member(ben, { role: "admin" }), member(cat, { role: "owner" }), member(user("dan"))]);
    expect(r.members.value.map((m) => m.user.id)).toEqual(["cat", "ben", "ann", "dan"]);
  });

  it("ticks up to the furthest another member has read, never counting the user's own mark", () => {
    const r = new Roster("ann");
    r.set([member(ann, { lastReadSeq: 50 }), member(ben, { lastReadSeq: 7 }), member(cat, { lastReadSeq: 9 })]);
    expect(r.othersRead.value).toBe(9);
    r.read("ann", 60);
    expect(r.othersRead.value).toBe(9);
    r.read("ben", 12);
    expect(r.othersRead.value).toBe(12);
  });

  it("never moves the ticks back, even for a snapshot older than a read frame", () => {
    const r = new Roster("ann");
    r.read("ben", 20);
    r.set([member(ann), member(ben, { lastReadSeq: 15 })]);
    expect(r.othersRead.value).toBe(20);
  });

  it("follows role changes and removals made from the info panel", () => {
    const r = new Roster("ann");
    r.set([member(ann, { role: "owner" }), member(ben), member(cat)]);
    r.setRole("cat", "admin");
    r.drop("ben");
    expect(r.members.value.map((m) => [m.user.id, m.role])).toEqual([
      ["ann", "owner"],
      ["cat", "admin"],
    ]);
  });
});
