// Message text as elements: the tree of markup.ts (bold, italic, code, blocks, quotes, links)
// built by Preact from the parsed strings. Nothing here ever goes through innerHTML, so
// `<img onerror=...>` in a message stays text.
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import { parseMarkup, type Block, type Inline } from "./markup.ts";

function inline(nodes: Inline[]): ComponentChildren[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case "text":
        return n.text;
      case "bold":
        return <strong key={i}>{inline(n.children)}</strong>;
      case "italic":
        return <em key={i}>{inline(n.children)}</em>;
      case "code":
        return (
          <code key={i} class="md-code">
            {n.text}
          </code>
        );
      case "link":
        return (
          <a href={n.href} target="_blank" rel="noopener noreferrer" key={i}>
            {n.text}
          </a>
        );
    }
  });
}

function blocks(list: Block[]): ComponentChildren[] {
  return list.map((b, i) => {
    switch (b.type) {
      // A paragraph stays inline: a one-line message is text beside its time, as before.
      case "paragraph":
        return <span key={i}>{inline(b.children)}</span>;
      case "code":
        return (
          <pre key={i} class="md-pre">
            <code>{b.text}</code>
          </pre>
        );
      case "quote":
        return (
          <blockquote key={i} class="md-quote">
            {blocks(b.children)}
          </blockquote>
        );
    }
  });
}

export function RichText({ text }: { text: string }) {
  const tree = useMemo(() => parseMarkup(text), [text]);
  return <>{blocks(tree)}</>;
}
