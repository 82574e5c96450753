import type { Message } from "#protocol";

/** A chat as one member's list entry needs it from the room: how far they have read, what is
 * unread, and the last message (the rest of the entry is D1's, services/chat-view.ts). */
export interface Summary {
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  unreadMentions: number;
  lastMessage: Message | null;
}
