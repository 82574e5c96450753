// What one message's details show, answered on demand rather than carried in every frame:
// who gave each reaction (the chips carry only counts) and, for the sender, who has read it
// and when. Both read the room's tables; neither changes anything.
import { reactorsMax, type Reactors, type Readers, type User } from "#protocol";
import { fail, ok, type Outcome } from "../lib/outcome.ts";
import type { Messages } from "./messages.ts";
import type { Profiles } from "./profiles.ts";
import type { Reactions } from "./reactions.ts";
import type { ReadLog } from "./read-log.ts";
import type { Roster } from "./roster.ts";

interface Tables {
  messages: Messages;
  reactions: Reactions;
  profiles: Profiles;
  roster: Roster;
  readLog: ReadLog;
}

/** A text message that is not deleted, or why not. */
function reactable(t: Tables, seq: number) {
  const found = t.messages.find(seq, null);
  if (!found.ok || found.value.deleted || found.value.kind !== "text") return fail("not_found", "No such message.");
  return found;
}

/** Each reaction with the first `reactorsMax` people who gave it, in the order they did. */
export function reactorsOf(t: Tables, seq: number): Outcome<Reactors> {
  const found = reactable(t, seq);
  if (!found.ok) return found;
  const cache = new Map<string, User | null>();
  const out: Reactors = [];
  for (const r of t.reactions.who(seq, reactorsMax)) {
    const users = r.userIds.map((id) => t.profiles.get(id, cache)).filter((u): u is User => u !== null);
    out.push({ emoji: r.emoji, count: r.count, users });
  }
  return ok(out);
}

/** The members (the sender aside) whose read mark has passed `seq`, earliest reader first;
 * only the sender may ask. */
export function readersOf(t: Tables, seq: number, viewerId: string): Outcome<Readers> {
  const found = reactable(t, seq);
  if (!found.ok) return found;
  if (found.value.sender?.id !== viewerId) return fail("forbidden", "Only the sender can see who has read a message.");
  const times = t.readLog.timesFor(seq);
  const cache = new Map<string, User | null>();
  const readers: Readers = [];
  for (const [id, mark] of Object.entries(t.roster.readMarks())) {
    if (id === viewerId || mark < seq) continue;
    const user = t.profiles.get(id, cache);
    if (user) readers.push({ user, readAt: times.get(id) ?? null });
  }
  // Unknown times are the oldest reads (see read-log.ts): they go first.
  readers.sort((a, b) => (a.readAt ?? "").localeCompare(b.readAt ?? "") || a.user.displayName.localeCompare(b.user.displayName));
  return ok(readers);
}
