// A found message's excerpt with the match marked, as elements (<mark>), never as HTML.
import { excerpt } from "./highlight.ts";
import { plain } from "./markup.ts";

export function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {excerpt(plain(text), query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
    </>
  );
}
