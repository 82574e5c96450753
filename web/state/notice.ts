// How a new message is worded and tagged in a desktop notification, shared by the page
// (notifications.ts) and the service worker's push handler (web/sw/push.ts), so a message that
// reaches both ways reads the same and, with the same tag, replaces itself instead of stacking.
// Pure: no signals, no browser globals (the service worker bundle imports it).

/** One per message everywhere: `<chatId>:<seq>`. */
export function noticeTag(chatId: string, seq: number): string {
  return `${chatId}:${seq}`;
}

/** A direct chat is named after the sender already; a group adds its own name. */
export function noticeTitle(sender: string, chatName: string, direct: boolean): string {
  return direct || !chatName || chatName === sender ? sender : `${sender} · ${chatName}`;
}

/** At most 140 characters, ending in an ellipsis when cut. */
export function noticeExcerpt(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
