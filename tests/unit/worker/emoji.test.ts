// Which reactions are emoji: RGI sequences only, written out here as people would send them.
import { describe, expect, it } from "vitest";
import { isEmoji } from "#protocol";

describe("isEmoji", () => {
  it("accepts single emoji and every kind of RGI sequence", () => {
    for (const s of ["👍", "👍🏽", "❤️", "👨‍👩‍👧", "🏳️‍🌈", "🇺🇦", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "©️", "🫶"]) expect(isEmoji(s), s).toBe(true);
  });

  it("refuses text, several emoji, decorated emoji and unassigned pictographs", () => {
    const refused = ["", "a", "ok", "👍👍", "👍 ", " 👍", "👍\u0301\u0301\u0301", "\u{1FAFF}", "❤", "©", "🇺", "👍\u200d"];
    for (const s of refused) expect(isEmoji(s), JSON.stringify(s)).toBe(false);
  });
});
