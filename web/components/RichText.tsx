// Message text as text. Links become <a> elements built by Preact from the matched string;
// nothing here ever goes through innerHTML, so `<img onerror=...>` in a message stays text.
import type { ComponentChildren } from "preact";

// http(s) URLs and bare www. hosts; trailing punctuation is left out of the link.
const linkPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const trailing = /[.,:;!?)\]}'»"…]+$/u;

export function hrefOf(text: string): string | null {
  const candidate = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function RichText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const match of text.matchAll(linkPattern)) {
    let raw = match[0];
    const cut = trailing.exec(raw);
    // Keep a closing bracket that closes one opened inside the link (wiki-style URLs).
    if (cut && !(cut[0].startsWith(")") && raw.includes("("))) raw = raw.slice(0, -cut[0].length);
    const href = hrefOf(raw);
    if (!href) continue;
    const start = match.index;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <a href={href} target="_blank" rel="noopener noreferrer" key={start}>
        {raw}
      </a>,
    );
    at = start + raw.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
