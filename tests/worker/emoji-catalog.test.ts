// Inside workerd: the runtime's own regular expressions (V8 and ICU of workerd, which may
// differ from Node's) accept every emoji the web app's picker offers, as a reaction over HTTP
// would be checked.
import { describe, expect, it } from "vitest";
import { isEmoji, reactionParam } from "#protocol";
import { catalog, quickReactions } from "../../web/components/emoji/catalog.ts";

describe("the picker's emoji in workerd", () => {
  it("are each one emoji to the server's check and its route parameter", () => {
    const offered = [...quickReactions, ...catalog.map((e) => e.emoji)];
    expect(offered.length).toBeGreaterThan(1800);
    expect(offered.filter((e) => !isEmoji(e))).toEqual([]);
    const params = offered.filter((emoji) => !reactionParam.safeParse({ id: "c", seq: "1", emoji }).success);
    expect(params).toEqual([]);
  });
});
