// Pure operations on a chat's loaded history: an ascending array of messages by `seq`. The
// rules live here, apart from the model (history.ts), so each is tested on its own.
import type { Message } from "#protocol";

/**
 * Adds or replaces messages by seq. A message replaces the one we have only when its rev is
 * not older, so a late page from HTTP cannot undo an edit that arrived on the socket.
 */
export function mergeMessages(cur: Message[], incoming: Message[]): Message[] {
  if (!incoming.length) return cur;
  const last = cur.at(-1);
  const only = incoming.length === 1 ? incoming[0]! : null;
  // The common case, one new message at the end, without re-sorting the whole history.
  if (only && (!last || only.seq > last.seq)) return [...cur, only];
  const bySeq = new Map(cur.map((m) => [m.seq, m]));
  for (const m of incoming) {
    const old = bySeq.get(m.seq);
    if (!old || m.rev >= old.rev) bySeq.set(m.seq, m);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Applies `change` to the message with `seq`, if it is loaded. */
export function patchMessage(cur: Message[], seq: number, change: (m: Message) => Message): Message[] {
  const i = cur.findIndex((m) => m.seq === seq);
  if (i < 0) return cur;
  const next = [...cur];
  next[i] = change(next[i]!);
  return next;
}

/**
 * True when `next` is not the message after the last one loaded: frames were missed while the
 * socket was away, and the gap must be fetched before the history reads straight again.
 */
export function skipsAhead(cur: Message[], next: Message): boolean {
  return next.seq > (cur.at(-1)?.seq ?? 0) + 1;
}

/**
 * Applies an edit. An edit to a message outside what is loaded is dropped: loading that part
 * later fetches it as it is now, edit included (and adding it would leave a hole).
 */
export function applyEdit(cur: Message[], edited: Message): Message[] {
  const first = cur[0]?.seq ?? Infinity;
  const last = cur.at(-1)?.seq ?? -Infinity;
  return edited.seq >= first && edited.seq <= last ? mergeMessages(cur, [edited]) : cur;
}

/** A deleted message keeps its place in the history but nothing of what it said or carried. */
export function asDeleted(m: Message, rev: number): Message {
  return { ...m, deleted: true, body: "", attachments: [], reactions: [], rev };
}
