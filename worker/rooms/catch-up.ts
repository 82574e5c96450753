// Catch-up (docs/api.md "Real time"): every message changed after `since`, in rev order, as the
// frame a live client would have needed. Several changes of one message fold into its latest
// state: a message the client never saw arrives whole (even if since edited or deleted); one it
// had arrives as `deleted`, `edited` or `reactions`. Pure: the room passes the changes in.
import type { Message, ServerFrame } from "#protocol";

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

/** `changesSince(since)`: the messages changed after `since`, in rev order. A `since` that is
 * not a whole number >= 0 gets nothing (the Worker validates it; this is the room's own guard). */
export function* catchUpFrames(changesSince: (since: number) => Iterable<Change>, since: number): Generator<ServerFrame> {
  if (!Number.isSafeInteger(since) || since < 0) return;
  for (const change of changesSince(since)) yield catchUpFrame(change, since);
}
