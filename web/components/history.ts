// Turns the chat's messages and outbox entries into what the history shows: day separators,
// runs of messages by one sender on one day, a delivery state on one's own messages, and the
// "new messages" divider where the reader left off.
import type { Attachment, Message, Reaction, User } from "#protocol";
import { dayKey } from "../i18n/format.ts";
import type { OutboxEntry } from "../realtime/outbox.ts";

export type Delivery = "sending" | "sent" | "read" | "failed";

export interface Bubble {
  key: string;
  seq: number | null;
  rev: number;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  attachments: Attachment[];
  /** The message it answers, as the quote shows it. */
  replyTo: Message["replyTo"];
  reactions: Reaction[];
  /** Usernames the server found mentioned in it (highlighted); whether the reader is one. */
  mentions?: string[];
  mentionsMe?: boolean;
  /** The user's own message. */
  mine: boolean;
  delivery: Delivery | null;
  clientId: string | null;
  error?: string;
}

export type Block =
  | { type: "day"; key: string; at: string }
  | { type: "unread"; key: string }
  | { type: "system"; key: string; message: Message }
  | { type: "group"; key: string; sender: User | null; mine: boolean; bubbles: Bubble[] };

/**
 * The first message the reader had not read when the chat opened: after their read mark
 * (`readAt`), someone else's text (a system line or one's own message does not count as
 * unread, as in the chat list's count). Null when there is none, or when `readAt` is null
 * (nothing was unread at opening: a message that arrives later gets no divider).
 */
export function firstUnread(messages: Message[], readAt: number | null, meId: string): number | null {
  if (readAt === null) return null;
  return messages.find((m) => m.seq > readAt && m.kind === "text" && m.sender?.id !== meId)?.seq ?? null;
}

/** `unreadAfter`: the reader's read mark when the chat opened, if something was unread then. */
export function buildBlocks(messages: Message[], pending: OutboxEntry[], me: User, othersRead: number, unreadAfter: number | null = null): Block[] {
  const blocks: Block[] = [];
  const divider = firstUnread(messages, unreadAfter, me.id);
  let day = "";
  let group: Extract<Block, { type: "group" }> | null = null;

  const startDay = (at: string) => {
    const key = dayKey(at);
    if (key === day) return;
    day = key;
    group = null;
    blocks.push({ type: "day", key: `day-${key}`, at });
  };

  const addBubble = (sender: User | null, bubble: Bubble) => {
    const mine = sender?.id === me.id;
    if (!group || group.sender?.id !== sender?.id) {
      group = { type: "group", key: `g-${bubble.key}`, sender, mine, bubbles: [] };
      blocks.push(group);
    }
    group.bubbles.push(bubble);
  };

  for (const m of messages) {
    startDay(m.createdAt);
    // After the day separator, so the divider sits right above the message; a run that
    // carries on across it starts afresh below it.
    if (m.seq === divider) {
      blocks.push({ type: "unread", key: "unread" });
      group = null;
    }
    if (m.kind === "system") {
      blocks.push({ type: "system", key: `s-${m.seq}`, message: m });
      group = null;
      continue;
    }
    const mine = m.sender?.id === me.id;
    addBubble(m.sender, {
      // Keyed by clientId when there is one, so a bubble keeps its element when it moves
      // from the outbox to the history.
      key: m.clientId ? `c-${m.clientId}` : `m-${m.seq}`,
      seq: m.seq,
      rev: m.rev,
      body: m.body,
      createdAt: m.createdAt,
      editedAt: m.editedAt,
      deleted: m.deleted,
      attachments: m.attachments,
      replyTo: m.replyTo,
      reactions: m.reactions,
      ...(m.mentions && { mentions: m.mentions.map((x) => x.username), mentionsMe: m.mentions.some((x) => x.id === me.id) }),
      mine,
      delivery: mine ? (m.seq <= othersRead ? "read" : "sent") : null,
      clientId: m.clientId,
    });
  }

  const shown = new Set(messages.map((m) => m.clientId));
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  for (const e of pending) {
    if (shown.has(e.clientId)) continue;
    startDay(e.createdAt);
    addBubble(me, {
      key: `c-${e.clientId}`,
      seq: null,
      rev: 0,
      body: e.body,
      createdAt: e.createdAt,
      editedAt: null,
      deleted: false,
      attachments: e.attachments ?? [],
      replyTo: quoted(e.replyTo === undefined ? undefined : bySeq.get(e.replyTo)),
      reactions: [],
      mine: true,
      delivery: e.state,
      clientId: e.clientId,
      ...(e.error ? { error: e.error } : {}),
    });
  }
  return blocks;
}

/** A loaded message as a reply's quote (a pending reply knows only the seq it answers). */
function quoted(m: Message | undefined): Message["replyTo"] {
  return m ? { seq: m.seq, sender: m.sender, excerpt: m.deleted ? "" : m.body.slice(0, 100) } : null;
}
