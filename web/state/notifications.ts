// Desktop notifications for new messages, owned by the Account (sign-out disposes it). The
// inbox's `chat` frames say a chat changed; when its last message is new, from someone else,
// in a chat the user is not looking at (or the tab is hidden), and the chat is not muted
// (a mention notifies anyway), the tab shows one notification. Its tag is chat + seq, so the
// same message from several tabs replaces itself instead of stacking; the server sends no
// push while a tab is open, so page and push never both ring for one message.
//
// Permission is asked only when the user switches notifications on (Settings), never on load.
// The switches are remembered per user on this device.
import { createModel, signal } from "@preact/signals";
import type { Chat, User } from "#protocol";
import type { OutboxStorage } from "../realtime/outbox.ts";
import type { Alerts, NotificationPermissionState } from "./io.ts";
import { noticeExcerpt, noticeTag, noticeTitle } from "./notice.ts";

export interface Notice {
  title: string;
  body: string;
  /** One per message everywhere: `<chatId>:<seq>`. */
  tag: string;
  chatId: string;
}

/** Where the user is: `open`, the chat is the one on screen; `looking`, and the tab is shown. */
export interface Viewing {
  open: boolean;
  looking: boolean;
}

/** What to show for `after`, the chat as an inbox frame now has it, or null for nothing. The
 * open chat's own socket has already moved its entry past the message (`before`), so there
 * only "still unread" counts; elsewhere the message must be newer than the list knew. */
export function noticeFor(before: Chat | undefined, after: Chat, me: User, viewing: Viewing): Notice | null {
  const m = after.lastMessage;
  if (!m || m.kind !== "text" || m.deleted || !m.sender || m.sender.id === me.id) return null;
  if (viewing.looking || m.seq <= after.lastReadSeq) return null;
  if (!viewing.open && m.seq <= (before?.lastSeq ?? 0)) return null;
  const mentioned = m.mentions?.some((x) => x.id === me.id) ?? false;
  if (after.muted && !mentioned) return null;
  const text = m.body || m.attachments.map((a) => a.name).join(", ");
  return {
    title: noticeTitle(m.sender.displayName, after.name, after.kind === "direct"),
    body: noticeExcerpt(text),
    tag: noticeTag(after.id, m.seq),
    chatId: after.id,
  };
}

const key = (userId: string, name: string) => `qm:${userId}:notify:${name}`;

export const Notifications = createModel((me: User, alerts: Alerts | undefined, storage: OutboxStorage | null, open: (chatId: string) => void) => {
  const read = (name: string) => storage?.getItem(key(me.id, name)) === "1";
  const write = (name: string, on: boolean) => {
    try {
      storage?.setItem(key(me.id, name), on ? "1" : "0");
    } catch {
      // full or refused storage: the switch lasts as long as the tab
    }
  };
  const permission = signal<NotificationPermissionState>(alerts?.permission() ?? "unsupported");
  /** Desktop notifications: on only when switched on here AND the browser allows them. */
  const enabled = signal(read("desktop") && permission.value === "granted");
  const sound = signal(read("sound"));
  /** Tags shown by this tab: a later frame about the same message shows nothing. */
  const shown = new Set<string>();

  return {
    enabled,
    sound,
    permission,

    /** Switches desktop notifications; switching on asks the browser's permission first. */
    setEnabled: async (on: boolean): Promise<void> => {
      if (!alerts) return;
      if (on && alerts.permission() !== "granted") permission.value = await alerts.requestPermission();
      else permission.value = alerts.permission();
      const allowed = on && permission.value === "granted";
      enabled.value = allowed;
      write("desktop", allowed);
    },

    setSound: (on: boolean): void => {
      sound.value = on;
      write("sound", on);
    },

    /** An inbox frame changed `after` (before: as the list had it). */
    chatChanged: (before: Chat | undefined, after: Chat, viewing: Viewing): void => {
      if (!alerts || !enabled.value) return;
      const notice = noticeFor(before, after, me, viewing);
      if (!notice || shown.has(notice.tag)) return;
      shown.add(notice.tag);
      alerts.show(notice, () => open(notice.chatId));
      if (sound.value) alerts.beep();
    },
  };
});

export type NotificationsModel = InstanceType<typeof Notifications>;
