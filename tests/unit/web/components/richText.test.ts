// Which parts of a message become links: web addresses as people type them, without the
// punctuation around them, and never anything but http(s).
import { describe, expect, it } from "vitest";
import { findLinks, hrefOf } from "../../../../web/components/richText.ts";

const links = (text: string) => findLinks(text).map((l) => [l.text, l.href]);

describe("links in a message", () => {
  it("finds a web address and leaves the sentence's punctuation out of it", () => {
    expect(links("See https://example.com/a?b=1.")).toEqual([["https://example.com/a?b=1", "https://example.com/a?b=1"]]);
    expect(links("(https://example.com), then!")).toEqual([["https://example.com", "https://example.com/"]]);
  });

  it("links a bare www. address over https", () => {
    expect(links("at www.example.org/docs")).toEqual([["www.example.org/docs", "https://www.example.org/docs"]]);
  });

  it("keeps a closing bracket that belongs to the address (wiki style)", () => {
    expect(links("https://en.wikipedia.org/wiki/Mercury_(planet)")).toEqual([
      ["https://en.wikipedia.org/wiki/Mercury_(planet)", "https://en.wikipedia.org/wiki/Mercury_(planet)"],
    ]);
  });

  it("finds every address, where each starts", () => {
    const found = findLinks("a http://one.test b https://two.test");
    expect(found.map((l) => [l.start, l.text])).toEqual([
      [2, "http://one.test"],
      [20, "https://two.test"],
    ]);
  });

  it("never links javascript:, data: or markup", () => {
    expect(links("javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror=alert(1)>")).toEqual([]);
    expect(hrefOf("javascript:alert(1)")).toBe(null);
    expect(hrefOf("data:text/html,<b>x</b>")).toBe(null);
    expect(hrefOf("HTTP://Example.COM")).toBe("http://example.com/");
  });

  it("leaves text without an address alone", () => {
    expect(links("no links here, just www and http")).toEqual([]);
    expect(links("")).toEqual([]);
  });
});
