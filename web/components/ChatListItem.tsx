import type { Chat } from "#protocol";
import { formatListTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { chatPath } from "../state/routes.ts";
import { ChatAvatar } from "./Avatar.tsx";
import { Link } from "./Link.tsx";
import { previewText } from "./systemText.ts";
import { chatName } from "./profileCard.ts";

interface Props {
  chat: Chat;
  active: boolean;
  myId: string;
  /** Mute or unmute from the list (a button shown on hover and focus). */
  onMute?: ((chatId: string, muted: boolean) => Promise<void>) | undefined;
}

export function ChatListItem({ chat, active, myId, onMute }: Props) {
  const last = chat.lastMessage;
  const muteLabel = t(chat.muted ? "chats.unmuteNamed" : "chats.muteNamed", { name: chat.name });
  return (
    <li class="chat-row">
      <Link href={chatPath(chat.id)} class={active ? "chat-item active" : "chat-item"} aria-current={active ? "page" : undefined}>
        <ChatAvatar chat={chat} />
        <span class="chat-item-main">
          <span class="chat-item-top">
            <span class="chat-item-name">{chatName(chat)}</span>
            <time class="chat-item-time" dateTime={last?.createdAt ?? chat.createdAt}>
              {formatListTime(last?.createdAt ?? chat.createdAt)}
            </time>
          </span>
          <span class="chat-item-bottom">
            <span class="chat-item-preview">{last ? previewText(last, myId, chat.kind === "group") : t("chats.noMessages")}</span>
            {chat.muted && (
              <span class="chat-item-muted" role="img" aria-label={t("chats.mutedIcon")} title={t("chats.mutedIcon")}>
                <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
                  <path fill="currentColor" d="M16.5 12A4.5 4.5 0 0 0 14 8v2.2l2.5 2.5V12zM19 12c0 .9-.2 1.8-.5 2.6l1.5 1.5A8.9 8.9 0 0 0 21 12c0-4.3-3-7.9-7-8.8v2.1c2.9.9 5 3.5 5 6.7zM4.3 3 3 4.3 7.7 9H3v6h4l5 5v-6.7l4.3 4.3c-.7.5-1.4.9-2.3 1.2v2.1c1.4-.3 2.6-1 3.7-1.8l2 2 1.3-1.3-9-9zM12 4 9.9 6.1 12 8.2z" />
                </svg>
              </span>
            )}
            {chat.unreadMentions > 0 && (
              <span class="badge mention-badge" aria-label={t("chats.mentions", { n: chat.unreadMentions })}>
                @
              </span>
            )}
            {chat.unread > 0 && (
              <span class={chat.muted ? "badge muted" : "badge"} aria-label={t("chats.unread", { n: chat.unread })}>
                {chat.unread > 999 ? "999+" : chat.unread}
              </span>
            )}
          </span>
        </span>
      </Link>
      {onMute && chat.role !== null && (
        <button
          type="button"
          class="chat-mute"
          aria-label={muteLabel}
          title={muteLabel}
          aria-pressed={chat.muted}
          onClick={() => void onMute(chat.id, !chat.muted).catch(() => undefined)}
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            {chat.muted ? (
              <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1c2.9.9 5 3.5 5 6.7s-2.1 5.8-5 6.7v2.1c4-.9 7-4.5 7-8.8s-3-7.9-7-8.8z" />
            ) : (
              <path fill="currentColor" d="M16.5 12A4.5 4.5 0 0 0 14 8v2.2l2.5 2.5V12zM19 12c0 .9-.2 1.8-.5 2.6l1.5 1.5A8.9 8.9 0 0 0 21 12c0-4.3-3-7.9-7-8.8v2.1c2.9.9 5 3.5 5 6.7zM4.3 3 3 4.3 7.7 9H3v6h4l5 5v-6.7l4.3 4.3c-.7.5-1.4.9-2.3 1.2v2.1c1.4-.3 2.6-1 3.7-1.8l2 2 1.3-1.3-9-9zM12 4 9.9 6.1 12 8.2z" />
            )}
          </svg>
        </button>
      )}
    </li>
  );
}
