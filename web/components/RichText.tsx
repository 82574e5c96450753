// Message text as elements: the tree of markup.ts (bold, italic, code, blocks, quotes, links)
// built by Preact from the parsed strings. Nothing here ever goes through innerHTML, so
// `<img onerror=...>` in a message stays text.
// Mentions the server found (Message.mentions) are marked where the same rule finds them in
// the text (protocol's mentionTokens); an @word that is not one stays plain.
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import { mentionTokens } from "#protocol";
import { parseMarkup, type Block, type Inline } from "./markup.ts";

/** Usernames to mark as mentions in this message. */
type Names = ReadonlySet<string>;

function marked(text: string, names: Names): ComponentChildren {
  if (!names.size || !text.includes("@")) return text;
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const m of mentionTokens(text)) {
    if (!names.has(m.username)) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <span class="mention" key={m.start}>
        {text.slice(m.start, m.end)}
      </span>,
    );
    at = m.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function inline(nodes: Inline[], names: Names): ComponentChildren[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case "text":
        return marked(n.text, names);
      case "bold":
        return <strong key={i}>{inline(n.children, names)}</strong>;
      case "italic":
        return <em key={i}>{inline(n.children, names)}</em>;
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

function blocks(list: Block[], names: Names): ComponentChildren[] {
  return list.map((b, i) => {
    switch (b.type) {
      // A paragraph stays inline: a one-line message is text beside its time, as before.
      case "paragraph":
        return <span key={i}>{inline(b.children, names)}</span>;
      case "code":
        return (
          <pre key={i} class="md-pre">
            <code>{b.text}</code>
          </pre>
        );
      case "quote":
        return (
          <blockquote key={i} class="md-quote">
            {blocks(b.children, names)}
          </blockquote>
        );
    }
  });
}

const none: Names = new Set();

export function RichText({ text, mentions }: { text: string; mentions?: string[] | undefined }) {
  const tree = useMemo(() => parseMarkup(text), [text]);
  const names = useMemo(() => (mentions?.length ? new Set(mentions) : none), [mentions?.join(" ")]);
  return <>{blocks(tree, names)}</>;
}
