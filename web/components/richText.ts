// Where the links are in a message's text (RichText.tsx draws them). Pure, so what becomes a
// link, and what never does, is tested on its own.

// http(s) URLs and bare www. hosts, not inside a word (an underscore before one is formatting,
// see markup.ts); trailing punctuation is left out of the link.
const linkPattern = /(?<![\p{L}\p{N}])(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const trailing = /[.,:;!?)\]}'»"…]+$/u;

/** The address a link points to: http(s) only (never javascript: or data:), www. as https. */
export function hrefOf(text: string): string | null {
  const candidate = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export interface FoundLink {
  /** Where the link's text starts in the message. */
  start: number;
  /** The link's text as typed. */
  text: string;
  href: string;
}

export function findLinks(message: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const match of message.matchAll(linkPattern)) {
    let raw = match[0];
    const cut = trailing.exec(raw);
    // Keep a closing bracket that closes one opened inside the link (wiki-style URLs).
    if (cut && !(cut[0].startsWith(")") && raw.includes("("))) raw = raw.slice(0, -cut[0].length);
    const href = hrefOf(raw);
    if (href) links.push({ start: match.index, text: raw, href });
  }
  return links;
}
