// Whom a message mentions: the @usernames in its text (protocol's mentionTokens, the rule the
// web app highlights with) that belong to current members of this chat, per the room's own
// roster and the profiles it keeps, never a list a client sent. The sender is not counted
// (mentioning oneself notifies nobody), and at most limits.mentionsPerMessage people are: a
// message cannot ring the whole of a big chat one @name at a time.
import { limits, mentionedUsernames } from "#protocol";
import type { Mention } from "./messages.ts";
import type { Profiles } from "./profiles.ts";
import type { Roster } from "./roster.ts";

export function resolveMentions(body: string, senderId: string, roster: Roster, profiles: Profiles): Mention[] {
  const names = mentionedUsernames(body);
  if (names.length === 0) return [];
  const byName = new Map<string, string>();
  const cache = new Map();
  for (const id of roster.ids()) {
    const user = profiles.get(id, cache);
    if (user && id !== senderId) byName.set(user.username, id);
  }
  const out: Mention[] = [];
  for (const username of names) {
    const id = byName.get(username);
    if (id) out.push({ id, username });
    if (out.length >= limits.mentionsPerMessage) break;
  }
  return out;
}
