// Message text as text. Links (found by richText.ts) become <a> elements built by Preact from
// the matched string; nothing here ever goes through innerHTML, so `<img onerror=...>` in a
// message stays text.
import type { ComponentChildren } from "preact";
import { findLinks } from "./richText.ts";

export function RichText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const link of findLinks(text)) {
    if (link.start > at) parts.push(text.slice(at, link.start));
    parts.push(
      <a href={link.href} target="_blank" rel="noopener noreferrer" key={link.start}>
        {link.text}
      </a>,
    );
    at = link.start + link.text.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
