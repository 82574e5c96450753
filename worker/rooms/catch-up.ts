// Catch-up (API.md "Real time"): every message changed after `since`, in rev order, as the
// frame a live client would have needed. Several changes of one message fold into its
// latest state: a message the client never saw arrives whole (even if since edited or
// deleted); one it had arrives as `deleted`, `edited` or `reactions`.
import type { ServerFrame } from "#protocol";
import type { History } from "./history.ts";

export function* catchUpFrames(history: History, viewerId: string, since: number): Generator<ServerFrame> {
  if (!Number.isSafeInteger(since) || since < 0) return;
  for (const { row, createdAfter, editedAfter } of history.changesSince(since)) {
    const message = history.toMessage(row, viewerId);
    if (createdAfter) yield { type: "message", message };
    else if (message.deleted) yield { type: "deleted", seq: message.seq, rev: message.rev };
    else if (editedAfter) yield { type: "edited", message };
    else yield { type: "reactions", seq: message.seq, rev: message.rev, reactions: message.reactions };
  }
}
