// How a room tells its members' Inboxes that the chat's list entry changed. Bursts are
// coalesced and the broadcast never waits for it: changes mark users, and one round of Inbox
// calls per POKE_BATCH_MS carries them, with the newest message for a push notification and
// each member's summary (unread count, read mark, last message) as of that round, so an Inbox
// does not call the room back for it (a round used to be members x 2 calls).
//
// Members with a socket open in the room (watching it) can wait longer. The tab that shows
// the chat keeps its own list entry current from the room's frames (web/state/chatList.ts
// noteMessage, noteRead), and no push goes to them, so their Inbox call only refreshes their
// other tabs and devices. A round calls everyone else's Inbox, and calls a watcher's once it
// has waited `watchedRounds` rounds: one in a room of up to 100 watchers (as for everyone),
// up to 10 in a room of 1,000. A room then spends about 100 Inbox calls a second on its
// watchers however many there are, where it spent one per watcher per second; in the big
// room that call was a third of the isolate's time (docs/benchmarks.md).
//
// Pending pokes live in memory: one lost to an eviction only delays a chat-list refresh.
import { pushPreview, type PushPreview } from "../inbox/preview.ts";
import { paceSteps, type Message } from "#protocol";
import type { Summary } from "./summary.ts";
import { settle } from "../services/calls.ts";

/** Inbox updates (chat list, unread, push) may trail a message by this much. */
const POKE_BATCH_MS = 1000;

/** A round's calls go out this many at a time, this far apart. Every Inbox runs in the room's
 * isolate under wrangler dev, and 200 calls at once held the room's messages up for tens of
 * milliseconds every round (docs/benchmarks.md); in slices they pass between messages. */
export const POKE_SLICE = 20;
export const POKE_SLICE_GAP_MS = 50;

/** How many rounds a watcher's poke waits in a room with `watchers` users watching it: the
 * room's pace for per-member events (paceSteps, the rule read marks follow too). */
export const watchedRounds = (watchers: number): number => paceSteps(watchers);

interface Pending {
  /** The newest message since the last call, for a push; null for other changes. */
  message: Message | null;
  /** Rounds this poke has waited. */
  waited: number;
  /** The user was watching at a round it waited through: they saw the message live. */
  watched: boolean;
}

/** What the room gives the pokes. */
export interface PokeTargets {
  /** Users with a socket open in the room right now: they see the message live, no push. */
  online: () => string[];
  /** The chat as each of these users sees it now. */
  summarize: (userIds: string[]) => Map<string, Summary>;
  /** Whether a message is still there: one deleted before its round goes out is not pushed. */
  live: (seq: number) => boolean;
  /** The call to a member's Inbox. */
  call: (userId: string, push: PushPreview | undefined, summary: Summary | undefined) => Promise<unknown>;
  /** scheduler.wait (a test drives the rounds by hand). */
  wait: (ms: number) => Promise<unknown>;
}

export class InboxPokes {
  #pending = new Map<string, Pending>();
  #running = false;
  constructor(
    /** The room's DurableObjectState: a round runs in the background. */
    private ctx: { waitUntil(work: Promise<unknown>): void },
    private targets: PokeTargets,
  ) {}

  poke(userIds: Iterable<string>, message?: Message) {
    for (const id of userIds) {
      const p = this.#pending.get(id);
      if (p) {
        if (message) p.message = message;
      } else this.#pending.set(id, { message: message ?? null, waited: 0, watched: false });
    }
    if (this.#running) return;
    this.#running = true;
    this.ctx.waitUntil(this.#run());
  }

  clear() {
    this.#pending.clear();
  }

  async #run() {
    try {
      while (this.#pending.size > 0) {
        await this.targets.wait(POKE_BATCH_MS);
        const online = new Set(this.targets.online());
        const rounds = watchedRounds(online.size);
        const due = new Map<string, Pending>();
        for (const [id, p] of this.#pending) {
          p.waited += 1;
          if (online.has(id)) p.watched = true;
          if (!online.has(id) || p.waited >= rounds) due.set(id, p);
        }
        for (const id of due.keys()) this.#pending.delete(id);
        if (due.size === 0) continue;
        // Those who may get a push first; the watchers' calls only refresh other tabs.
        const ids = [...due.keys()].sort((a, b) => Number(online.has(a)) - Number(online.has(b)));
        for (let from = 0; from < ids.length; from += POKE_SLICE) {
          if (from > 0) await this.targets.wait(POKE_SLICE_GAP_MS);
          await this.#call(ids.slice(from, from + POKE_SLICE), due, online);
        }
      }
    } finally {
      this.#running = false;
    }
  }

  /** One slice of a round. Summaries are read at the slice's own time, so none is staler than
   * the slice. */
  async #call(ids: string[], due: Map<string, Pending>, online: Set<string>) {
    const summaries = this.targets.summarize(ids);
    const alive = new Map<number, boolean>();
    const isLive = (seq: number) => alive.get(seq) ?? alive.set(seq, this.targets.live(seq)).get(seq)!;
    await settle("inbox.chatChanged", ids, (id) => {
      const { message: m, watched } = due.get(id)!;
      // Push only to members not looking at the chat, never for their own message, and not
      // for a message deleted in the meantime (its list entry still changes).
      const push = m && m.sender && m.sender.id !== id && !watched && !online.has(id) && isLive(m.seq) ? pushPreview(m, id) : undefined;
      return this.targets.call(id, push, summaries.get(id));
    });
  }
}
