// Light formatting of message text: **bold**, _italic_, `code`, ``` code blocks ```, "> "
// quotes and http(s) links. Pure: it turns text into a tree that RichText.tsx draws as
// elements, so nothing a person types ever becomes HTML.
//
// The rules are chosen so that ordinary text stays as typed:
// - a marker opens only at the start of a word (after a space, punctuation or the start) and
//   closes only at the end of one, so snake_case_words, __init__ and 2**10 stay text;
// - links (richText.ts), `code` and @names are read first and never looked inside, so
//   https://example.com/a_b_c and @some_name keep their underscores;
// - emphasis does not run across lines, and an unclosed marker is just a character;
// - nesting stops at a few levels, and a marker with no closer is searched for once per line,
//   so a line of 4,000 asterisks costs a linear scan, not a quadratic one.
import { findLinks, hrefOf } from "./richText.ts";

export type Inline =
  | { type: "text"; text: string }
  | { type: "bold"; children: Inline[] }
  | { type: "italic"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; text: string; href: string };

export type Block = { type: "paragraph"; children: Inline[] } | { type: "code"; text: string } | { type: "quote"; children: Block[] };

const maxQuoteDepth = 3;
const maxEmphasisDepth = 4;
const fence = "```";
const wordChar = /[\p{L}\p{N}_]/u;
const space = /\s/u;

/** Splits a message into paragraphs, code blocks and quotes, each parsed for inline marks. */
export function parseMarkup(text: string, depth = 0): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ type: "paragraph", children: parseInline(para.join("\n")) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(fence)) {
      const code = readFence(lines, i);
      if (code) {
        flush();
        blocks.push({ type: "code", text: code.text });
        i = code.end;
        continue;
      }
    }
    if (depth < maxQuoteDepth && isQuoteLine(line)) {
      flush();
      const quoted: string[] = [];
      while (i < lines.length && isQuoteLine(lines[i]!)) quoted.push(lines[i++]!.replace(/^> ?/, ""));
      i -= 1;
      blocks.push({ type: "quote", children: parseMarkup(quoted.join("\n"), depth + 1) });
      continue;
    }
    para.push(line);
  }
  flush();
  return blocks;
}

/** "> quoted" or a lone ">": ">text" (an arrow, a smiley) stays text. */
function isQuoteLine(line: string): boolean {
  return line === ">" || line.startsWith("> ");
}

/** A fenced block starting at line `start`: up to the next line ending in ```. A language
 * name after the opening fence is dropped; without a closing fence it is not a block. */
function readFence(lines: string[], start: number): { text: string; end: number } | null {
  const first = lines[start]!.slice(fence.length);
  if (first.length > fence.length && first.endsWith(fence)) return { text: first.slice(0, -fence.length), end: start };
  const body: string[] = /^[\w+#.-]*$/.test(first.trim()) ? [] : [first];
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j]!.trimEnd();
    if (line.endsWith(fence)) {
      const last = line.slice(0, -fence.length);
      if (last) body.push(last);
      return { text: body.join("\n"), end: j };
    }
    body.push(lines[j]!);
  }
  return null;
}

// ---- inline ------------------------------------------------------------------------------

/** One character of text, or something read whole (a link, `code`, an @name). */
type Unit = { ch: string } | { atom: Inline };

const isChar = (u: Unit | undefined): u is { ch: string } => u !== undefined && "ch" in u;

/** Bold, italic, code and links in one paragraph. */
export function parseInline(text: string): Inline[] {
  return merge(emphasis(units(text), 0, undefined, 0));
}

function units(text: string): Unit[] {
  const out: Unit[] = [];
  const links = findLinks(text);
  let next = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "`" && text[i + 1] !== "`") {
      const close = text.indexOf("`", i + 1);
      const newline = text.indexOf("\n", i + 1);
      if (close > i + 1 && (newline < 0 || close < newline)) {
        out.push({ atom: { type: "code", text: text.slice(i + 1, close) } });
        i = close + 1;
        continue;
      }
    }
    while (next < links.length && links[next]!.start < i) next += 1;
    const link = links[next];
    if (link && link.start === i) {
      const atom = trimLink(text, link.start, link.text);
      if (atom) {
        out.push({ atom });
        i += atom.text.length;
        continue;
      }
    }
    if (c === "@" && !wordChar.test(text[i - 1] ?? " ")) {
      const name = /^@[\p{L}\p{N}_]+/u.exec(text.slice(i))?.[0];
      if (name) {
        out.push({ atom: { type: "text", text: name } });
        i += name.length;
        continue;
      }
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    out.push({ ch });
    i += ch.length;
  }
  return out;
}

/** "**https://x.test**": the closing marker belongs to the emphasis, not to the address. */
function trimLink(text: string, start: number, raw: string): Extract<Inline, { type: "link" }> | null {
  let shown = raw;
  for (const marker of ["**", "_"]) {
    if (text.slice(0, start).endsWith(marker) && shown.endsWith(marker) && shown.length > marker.length) shown = shown.slice(0, -marker.length);
  }
  const href = hrefOf(shown);
  return href ? { type: "link", text: shown, href } : null;
}

const isWord = (u: Unit | undefined) => isChar(u) && wordChar.test(u.ch);
const isSpace = (u: Unit | undefined) => u === undefined || (isChar(u) && space.test(u.ch));
const isMarker = (u: Unit | undefined, m: string) => isChar(u) && u.ch === m;

function matches(us: Unit[], at: number, marker: string): boolean {
  for (let k = 0; k < marker.length; k++) if (!isMarker(us[at + k], marker[k]!)) return false;
  return true;
}

/** The units of one range: outside it is an edge, like the start or end of the text (the
 * marker just outside an inner range belongs to the enclosing emphasis). */
interface Range {
  us: Unit[];
  from: number;
  end: number;
}
const at = (r: Range, i: number): Unit | undefined => (i >= r.from && i < r.end ? r.us[i] : undefined);

/** A marker opens where a word starts: after no word character, before no space or marker. */
function opens(r: Range, i: number, marker: string): boolean {
  const before = at(r, i - 1);
  const after = at(r, i + marker.length);
  return !isWord(before) && !isMarker(before, marker[0]!) && !isSpace(after) && !isMarker(after, marker[0]!);
}

/** A marker closes where a word ends: after no space or marker, before no word character. */
function closes(r: Range, i: number, marker: string, contentFrom: number): boolean {
  const before = at(r, i - 1);
  const after = at(r, i + marker.length);
  return i > contentFrom && !isSpace(before) && !isMarker(before, marker[0]!) && !isWord(after) && !isMarker(after, marker[0]!);
}

function findCloser(r: Range, contentFrom: number, marker: string): number {
  for (let k = contentFrom; k + marker.length <= r.end; k++) {
    if (isMarker(r.us[k], "\n")) return -1;
    if (matches(r.us, k, marker) && closes(r, k, marker, contentFrom)) return k;
  }
  return -1;
}

function emphasis(us: Unit[], from: number, to: number | undefined, depth: number): Inline[] {
  const end = to ?? us.length;
  const range: Range = { us, from, end };
  const out: Inline[] = [];
  let text = "";
  // A marker that found no closer on this line will not find one from a later start either.
  let hopeless = new Set<string>();
  const flush = () => {
    if (text) out.push({ type: "text", text });
    text = "";
  };
  for (let i = from; i < end; ) {
    const u = us[i]!;
    if (!isChar(u)) {
      flush();
      out.push(u.atom);
      i += 1;
      continue;
    }
    if (u.ch === "\n") hopeless = new Set();
    if (depth < maxEmphasisDepth) {
      let took = false;
      for (const [marker, type] of [
        ["**", "bold"],
        ["_", "italic"],
      ] as const) {
        if (hopeless.has(marker) || !matches(us, i, marker) || i + marker.length > end || !opens(range, i, marker)) continue;
        const close = findCloser(range, i + marker.length, marker);
        if (close < 0) {
          hopeless.add(marker);
          continue;
        }
        flush();
        out.push({ type, children: emphasis(us, i + marker.length, close, depth + 1) });
        i = close + marker.length;
        took = true;
        break;
      }
      if (took) continue;
    }
    text += u.ch;
    i += 1;
  }
  flush();
  return out;
}

/** Adjacent text nodes (an @name beside plain text) become one. */
function merge(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const last = out.at(-1);
    if (n.type === "text" && last?.type === "text") out[out.length - 1] = { type: "text", text: last.text + n.text };
    else out.push(n.type === "bold" || n.type === "italic" ? { ...n, children: merge(n.children) } : n);
  }
  return out;
}

/** The text a tree shows, markers gone (what a reader would copy). */
export function plainText(blocks: Block[]): string {
  const inline = (ns: Inline[]): string => ns.map((n) => (n.type === "bold" || n.type === "italic" ? inline(n.children) : n.text)).join("");
  return blocks.map((b) => (b.type === "paragraph" ? inline(b.children) : b.type === "code" ? b.text : plainText(b.children))).join("\n");
}

/** A message as one line of plain text, for quotes and excerpts: marks gone, lines joined. */
export function plain(text: string): string {
  return plainText(parseMarkup(text)).replace(/\s+/g, " ").trim();
}
