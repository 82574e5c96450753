// Which members the composer suggests for the "@" word being typed: pure, so unit-testable.
// Usernames first matched by prefix, then display names by a word's prefix; the typist is left
// out (mentioning oneself notifies nobody), at most MAX suggestions.
import { fold, mentionQueryAt, type Member, type User } from "#protocol";

const MAX = 6;

export interface Suggestion {
  /** Where the "@" starts in the text, and the members to offer. */
  start: number;
  users: User[];
}

export function suggestMentions(text: string, caret: number, members: Member[], meId: string): Suggestion | null {
  const at = mentionQueryAt(text, caret);
  if (!at) return null;
  const q = fold(at.query);
  const others = members.map((m) => m.user).filter((u) => u.id !== meId);
  const byName = others.filter((u) => u.username.startsWith(q));
  const byDisplay = others.filter((u) => !byName.includes(u) && fold(u.displayName).split(/\s+/).some((w) => w.startsWith(q)));
  const users = [...byName, ...byDisplay].slice(0, MAX);
  return users.length ? { start: at.start, users } : null;
}

/** The text with the "@" word at `start..caret` replaced by `@username ` and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  const rest = text.slice(caret).replace(/^[a-zA-Z0-9_]*/, "").replace(/^ /, "");
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}
