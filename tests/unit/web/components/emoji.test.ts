// The picker offers only what the server accepts: every emoji of the quick row and the full
// list passes the protocol's isEmoji (tests/worker/emoji-catalog.test.ts checks the same
// inside workerd).
import { describe, expect, it } from "vitest";
import { isEmoji } from "#protocol";
import { catalog, quickReactions, rgiSpelling } from "../../../../web/components/emoji/catalog.ts";

describe("the reaction picker's emoji", () => {
  it("are all accepted by the server's check", () => {
    const refused = [...quickReactions, ...catalog.map((e) => e.emoji)].filter((e) => !isEmoji(e));
    expect(refused).toEqual([]);
  });

  it("are the whole list: faces, people, flags and ZWJ sequences included, no components, no repeats", () => {
    const all = catalog.map((e) => e.emoji);
    expect(all.length).toBeGreaterThan(1800);
    expect(new Set(all).size).toBe(all.length);
    for (const e of ["😀", "👍", "❤️", "👨‍👩‍👧", "🏳️‍🌈", "🇺🇦", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☺️"]) expect(all, e).toContain(e);
    for (const e of ["🏻", "🦰", "🇦"]) expect(all, e).not.toContain(e);
    expect(catalog.every((e) => e.label.length > 0)).toBe(true);
  });

  it("spell a lone emoji-presentation character without U+FE0F and keep it where it is needed", () => {
    expect(rgiSpelling("👍\uFE0F")).toBe("👍");
    expect(rgiSpelling("❤\uFE0F")).toBe("❤️");
    expect(rgiSpelling("🏳\uFE0F\u200D🌈")).toBe("🏳️‍🌈");
    expect(rgiSpelling("😀")).toBe("😀");
  });
});
