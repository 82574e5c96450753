// The service worker's push and notification-click decisions, pure so they are unit-tested
// (tests/unit/web/sw.test.ts) and the handlers in sw.ts stay wiring.
//
// The server's push payload (docs/api.md, Web Push): JSON {chatId, title, sender, body, seq,
// unread, mention}. Worded and tagged like the page's own notifications (state/notice.ts): the
// tag is chat + seq, so one message never shows twice, whichever way it came.
import { noticeExcerpt, noticeTag, noticeTitle } from "../state/notice.ts";
import { chatPath } from "../state/routes.ts";

export interface PushPayload {
  chatId: string;
  title: string;
  sender: string;
  body: string;
  seq: number;
}

/** The payload, or null when it is not one of ours (nothing is shown for garbage). */
export function parsePush(text: string | null | undefined): PushPayload | null {
  if (!text) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.chatId !== "string" || !o.chatId || typeof o.seq !== "number" || !Number.isInteger(o.seq)) return null;
  const str = (x: unknown) => (typeof x === "string" ? x : "");
  return { chatId: o.chatId, title: str(o.title), sender: str(o.sender), body: str(o.body), seq: o.seq };
}

export interface PushNotice {
  title: string;
  options: { body: string; tag: string; icon: string; badge: string; data: { chatId: string } };
}

export function pushNotice(p: PushPayload): PushNotice {
  return {
    // The payload does not say whether the chat is direct; a direct chat is named after the
    // sender (each side sees the other person), which noticeTitle recognises.
    title: noticeTitle(p.sender, p.title, false),
    options: { body: noticeExcerpt(p.body), tag: noticeTag(p.chatId, p.seq), icon: "/icons/icon-192.png", badge: "/icons/icon-192.png", data: { chatId: p.chatId } },
  };
}

/** What the worker knows of an open window. */
export interface WindowInfo {
  url: string;
  focused: boolean;
  visibilityState: DocumentVisibilityState;
}

/** True when a window shows that chat to the user (focused, or at least visible: the same rule
 * as the page's own notifications, which stay quiet for the chat open in a visible tab). */
export function chatOnScreen(windows: readonly WindowInfo[], chatId: string): boolean {
  const path = chatPath(chatId);
  return windows.some((w) => (w.focused || w.visibilityState === "visible") && new URL(w.url).pathname.replace(/\/$/, "") === path);
}

/** Which window a click on a chat's notification brings forward: one showing that chat, else
 * a focused one, else any; -1 for none (a new window opens). */
export function windowForClick(windows: readonly WindowInfo[], chatId: string): number {
  const path = chatPath(chatId);
  const onChat = windows.findIndex((w) => new URL(w.url).pathname.replace(/\/$/, "") === path);
  if (onChat >= 0) return onChat;
  const focused = windows.findIndex((w) => w.focused);
  return focused >= 0 ? focused : windows.length ? 0 : -1;
}
