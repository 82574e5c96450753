// Which part of a found message is drawn as the match: folded like the server's search (any
// case, any script, compatibility forms), mapped back to the text as typed.
import { describe, expect, it } from "vitest";
import { excerpt, highlight } from "../../../../web/components/highlight.ts";

const marked = (parts: { text: string; match: boolean }[]) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join("");

describe("search matches in a message", () => {
  const cases: [string, string, string][] = [
    ["тестовое сообщение", "тест", "[тест]овое сообщение"],
    ["Встреча в ПЯТНИЦУ", "пятниц", "Встреча в [ПЯТНИЦ]У"],
    ["Hello hello HELLO", "hello", "[Hello] [hello] [HELLO]"],
    ["ﬁle and file", "file", "[ﬁle] and [file]"],
    ["Straße", "STRASSE", "Straße"],
    ["emoji 👍🏽 ok", "👍🏽", "emoji [👍🏽] ok"],
    ["aaaa", "aa", "[aaaa]"],
    ["nothing here", "zzz", "nothing here"],
    ["<b>not html</b>", "<b>", "[<b>]not html</b>"],
  ];
  it.each(cases)("%j for %j", (text, q, expected) => {
    expect(marked(highlight(text, q))).toBe(expected);
  });

  it("keeps every character: the parts put together are the text", () => {
    for (const [text, q] of cases) expect(highlight(text, q).map((p) => p.text).join("")).toBe(text);
  });

  it("starts a long message's excerpt shortly before the match, on one line", () => {
    const text = `${"word ".repeat(30)}the тестовое\nline`;
    expect(marked(excerpt(text, "ТЕСТ"))).toBe("…word the [тест]овое line");
    expect(marked(excerpt("short тест", "тест"))).toBe("short [тест]");
  });
});
