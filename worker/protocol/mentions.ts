// Mentions: "@username" in a message's text. The room derives whom a message mentions with this
// rule (only current members count, at most limits.mentionsPerMessage of them), and the web app
// finds the same tokens to highlight them and to suggest members while typing. One rule, so
// what is highlighted is what notified.
/** An @ that starts a word, then a username's characters (any case; usernames are lowercase). */
const MENTION = /(^|[^\p{L}\p{N}_@])@([a-zA-Z0-9_]{3,32})(?![a-zA-Z0-9_])/gu;

export interface MentionToken {
  /** Index of the "@" in the text. */
  start: number;
  /** Index just past the username. */
  end: number;
  /** The username, lowercase. */
  username: string;
}

/** Every @username token in `text`, in order (repeats included). */
export function mentionTokens(text: string): MentionToken[] {
  const out: MentionToken[] = [];
  for (const m of text.matchAll(MENTION)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    const name = m[2] ?? "";
    out.push({ start, end: start + 1 + name.length, username: name.toLowerCase() });
  }
  return out;
}

/** The distinct usernames `text` mentions, first mention first; the room keeps those of
 * current members, at most limits.mentionsPerMessage of them. */
export function mentionedUsernames(text: string): string[] {
  return [...new Set(mentionTokens(text).map((t) => t.username))];
}

/** The "@" word being typed just before `caret`, if any: what the composer suggests members
 * for. `query` may be empty (just "@" typed). */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^\p{L}\p{N}_@])@([a-zA-Z0-9_]{0,32})$/u.exec(before);
  if (!m) return null;
  const query = m[2] ?? "";
  return { start: caret - query.length - 1, query: query.toLowerCase() };
}
