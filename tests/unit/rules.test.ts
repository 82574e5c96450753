// The shared rules of worker/protocol/rules.ts against the table in docs/api.md "Who may do
// what", written out here (an oracle must not be computed by the code it checks).
import { describe, expect, it } from "vitest";
import { abilities, byActivity, hasRole, isModerator, mayRemove, type Chat, type Role } from "#protocol";

const roles: (Role | null)[] = ["owner", "admin", "member", null];

describe("who may do what", () => {
  it("ranks owner over admin over member, and no role under all", () => {
    const table: [Role | null, Role, boolean][] = [
      ["owner", "owner", true], ["owner", "admin", true], ["owner", "member", true],
      ["admin", "owner", false], ["admin", "admin", true], ["admin", "member", true],
      ["member", "owner", false], ["member", "admin", false], ["member", "member", true],
      [null, "owner", false], [null, "admin", false], [null, "member", false],
    ];
    for (const [role, need, ok] of table) expect(hasRole(role, need), `${role} >= ${need}`).toBe(ok);
    expect(roles.filter(isModerator)).toEqual(["owner", "admin"]);
  });

  it("lets the owner remove anyone but the owner, an admin only members, and nobody else anyone", () => {
    const removable: Record<string, Role[]> = { owner: ["admin", "member"], admin: ["member"], member: [], null: [] };
    for (const actor of roles) {
      for (const target of ["owner", "admin", "member"] as Role[]) {
        expect(mayRemove(actor, target), `${actor} removes ${target}`).toBe(removable[String(actor)]!.includes(target));
      }
    }
  });

  it("offers nothing to manage in a direct chat, and no leaving it", () => {
    const a = abilities({ kind: "direct", role: "owner" });
    expect([a.invite, a.manageLinks, a.edit, a.changeRoles, a.leave, a.deleteChat, a.remove("member")]).toEqual([false, false, false, false, false, false, false]);
  });

  it("offers a group's controls by role", () => {
    const row = (role: Role | null) => {
      const a = abilities({ kind: "group", role });
      return [a.invite, a.manageLinks, a.edit, a.changeRoles, a.leave, a.deleteChat];
    };
    expect(row("owner")).toEqual([true, true, true, true, true, true]);
    expect(row("admin")).toEqual([true, true, true, false, true, false]);
    expect(row("member")).toEqual([true, false, false, false, true, false]);
    expect(row(null)).toEqual([false, false, false, false, false, false]);
  });
});

describe("chat list order", () => {
  const chat = (id: string, createdAt: string, last?: string) =>
    ({ id, createdAt, lastMessage: last ? ({ createdAt: last } as Chat["lastMessage"]) : null }) as Pick<Chat, "id" | "createdAt" | "lastMessage">;

  it("puts the latest activity first: a message, or the creation of a chat without one", () => {
    const list = [
      chat("a", "2026-01-01T00:00:00.000Z", "2026-01-05T00:00:00.000Z"),
      chat("b", "2026-01-06T00:00:00.000Z"),
      chat("c", "2026-01-02T00:00:00.000Z", "2026-01-07T00:00:00.000Z"),
    ];
    expect([...list].sort(byActivity).map((c) => c.id)).toEqual(["c", "b", "a"]);
  });

  it("breaks ties the same way every time", () => {
    const t = "2026-01-01T00:00:00.000Z";
    const list = [chat("x1", t), chat("x3", t), chat("x2", t)];
    expect([...list].sort(byActivity).map((c) => c.id)).toEqual(["x3", "x2", "x1"]);
    expect([...list].reverse().sort(byActivity).map((c) => c.id)).toEqual(["x3", "x2", "x1"]);
  });
});
