// Where a search query matches a message's text, to draw the match: the room matched folded
// text (protocol's fold: NFKC, lower case, every script), so the match is found the same way
// here and mapped back to the text as typed, whole characters at a time. Pure, so the rules
// are tested on their own; Highlighted.tsx draws the parts as elements.
import { fold } from "#protocol";

export interface Part {
  text: string;
  match: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** `text` cut into parts, the ones matching `query` marked. No match: one plain part. */
export function highlight(text: string, query: string): Part[] {
  const q = fold(query.trim());
  if (!q || !text) return text ? [{ text, match: false }] : [];
  // Fold one character at a time, remembering which character each folded unit came from.
  const starts: number[] = [];
  const owner: number[] = [];
  let folded = "";
  for (const g of graphemes.segment(text)) {
    starts.push(g.index);
    const f = fold(g.segment);
    for (let k = 0; k < f.length; k++) owner.push(starts.length - 1);
    folded += f;
  }
  starts.push(text.length);
  const ranges: [number, number][] = [];
  for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + q.length)) {
    const from = starts[owner[at]!]!;
    const to = starts[owner[at + q.length - 1]! + 1]!;
    const last = ranges.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  }
  const parts: Part[] = [];
  let pos = 0;
  for (const [from, to] of ranges) {
    if (from > pos) parts.push({ text: text.slice(pos, from), match: false });
    parts.push({ text: text.slice(from, to), match: true });
    pos = to;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), match: false });
  return parts;
}

/** The parts of a one-line excerpt: the text on one line, started shortly before the first
 * match (with "…") so the match is in view in a narrow list. */
export function excerpt(text: string, query: string, before = 12): Part[] {
  const parts = highlight(text.replace(/\s+/g, " ").trim(), query);
  const first = parts.findIndex((p) => p.match);
  if (first < 0) return parts;
  const lead = parts.slice(0, first).map((p) => p.text).join("");
  if (lead.length <= before) return parts;
  const chars = [...lead];
  let kept = chars.slice(chars.length - before).join("");
  // A word cut in half at the start is left out.
  if (!/\s/.test(chars[chars.length - before - 1] ?? " ")) kept = kept.replace(/^\S*\s/, "");
  return [{ text: `…${kept}`, match: false }, ...parts.slice(first)];
}
