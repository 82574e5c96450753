// How a room tells its members' Inboxes that the chat's list entry changed. Bursts are
// coalesced and the broadcast never waits for it: changes mark users, and one round of Inbox
// calls per POKE_BATCH_MS carries them all, with the newest message for a push notification
// and each member's summary (unread count, read mark, last message) as of that round, so an
// Inbox does not call the room back for it (a round used to be members x 2 calls).
// Pending pokes live in memory: one lost to an eviction only delays a chat-list refresh.
import { pushPreview } from "../inbox/preview.ts";
import type { Message } from "#protocol";
import type { Summary } from "./chat-room.ts";
import { settle } from "../services/calls.ts";
import { inboxStub } from "../services/stubs.ts";

/** Inbox updates (chat list, unread, push) may trail a message by this much. */
const POKE_BATCH_MS = 1000;

export class InboxPokes {
  #pending = new Map<string, Message | null>();
  #running = false;

  constructor(
    private ctx: DurableObjectState,
    private env: Env,
    private chatId: string,
    /** Users with a socket open in the room right now: they see the message live, no push. */
    private online: () => string[],
    /** The chat as each of these users sees it now. */
    private summarize: (userIds: string[]) => Map<string, Summary>,
    /** Whether a message is still there: one deleted before its round goes out is not pushed. */
    private live: (seq: number) => boolean,
  ) {}

  poke(userIds: Iterable<string>, message?: Message) {
    for (const id of userIds) this.#pending.set(id, message ?? this.#pending.get(id) ?? null);
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
        await scheduler.wait(POKE_BATCH_MS);
        const batch = new Map(this.#pending);
        this.#pending.clear();
        const online = new Set(this.online());
        const ids = [...batch.keys()];
        const summaries = this.summarize(ids);
        const alive = new Map<number, boolean>();
        const isLive = (seq: number) => alive.get(seq) ?? alive.set(seq, this.live(seq)).get(seq)!;
        await settle("inbox.chatChanged", ids, (id) => {
          const m = batch.get(id);
          // Push only to members not looking at the chat, never for their own message, and not
          // for a message deleted in the meantime (its list entry still changes).
          const push = m && m.sender && m.sender.id !== id && !online.has(id) && isLive(m.seq) ? pushPreview(m, id) : undefined;
          return inboxStub(this.env, id).chatChanged(this.chatId, push, summaries.get(id));
        });
      }
    } finally {
      this.#running = false;
    }
  }
}
