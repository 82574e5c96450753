// Catch-up (docs/api.md "Real time"): every message changed after `since`, in rev order, as the
// frame a live client would have needed. Several changes of one message fold into its latest
// state: a message the client never saw arrives whole (even if since edited or deleted); one it
// had arrives as `deleted`, `edited` or `reactions`. Pure: the room passes the changes in.
//
// Bounded: a client more than `limits.catchUpMax` changed messages behind gets one `reset`
// frame instead ("reload the history over HTTP; live from `rev`"), so one reconnect cannot
// make the room build and send an unbounded backlog while everyone else's frames wait.
import { limits, type Message, type ServerFrame } from "#protocol";

/** A message in its latest state, with the revs at which it was created and last edited. */
export interface Change {
  message: Message;
  createdRev: number;
  editRev: number | null;
}

/** The one frame that brings a client who has seen every change up to rev `since` to the
 * message's latest state. */
export function catchUpFrame({ message, createdRev, editRev }: Change, since: number): ServerFrame {
  if (createdRev > since) return { type: "message", message };
  if (message.deleted) return { type: "deleted", seq: message.seq, rev: message.rev };
  if ((editRev ?? 0) > since) return { type: "edited", message };
  return { type: "reactions", seq: message.seq, rev: message.rev, reactions: message.reactions };
}

/** Where the changes come from (the room's history, messages.ts). */
export interface ChangeSource {
  /** How many messages changed after `since`, counting no further than `atMost`. */
  count(since: number, atMost: number): number;
  /** The messages changed after `since`, in rev order (read in batches). */
  since(since: number): Iterable<Change>;
}

/** What a client that has seen every change up to `since` needs before `ready`: one frame per
 * changed message, or one `reset` when more than `max` changed. A `since` that is not a whole
 * number >= 0 gets nothing (the Worker validates it; this is the room's own guard). */
export function* catchUpFrames(source: ChangeSource, since: number, now: { rev: number; lastSeq: number }, max: number = limits.catchUpMax): Generator<ServerFrame> {
  if (!Number.isSafeInteger(since) || since < 0) return;
  if (source.count(since, max + 1) > max) {
    yield { type: "reset", rev: now.rev, lastSeq: now.lastSeq };
    return;
  }
  for (const change of source.since(since)) yield catchUpFrame(change, since);
}
