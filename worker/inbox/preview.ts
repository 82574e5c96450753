// What a push notification says about a new message: short, and text only.
import { clip } from "../lib/ids.ts";
import type { Message } from "#protocol";

export interface PushPreview {
  seq: number;
  /** Who sent it: a push from someone the user blocked is not sent (Inbox.setBlocked). */
  senderId: string | null;
  sender: string;
  text: string;
  /** The message mentions the recipient: it is pushed even if they muted the chat. */
  mention: boolean;
}

export function pushPreview(m: Message, recipientId: string): PushPreview {
  const text = m.body || (m.attachments.length ? `📎 ${m.attachments.map((a) => a.name).join(", ")}` : "");
  const mention = m.mentions?.some((x) => x.id === recipientId) ?? false;
  return { seq: m.seq, senderId: m.sender?.id ?? null, sender: m.sender?.displayName ?? "", text: clip(text, 200), mention };
}
