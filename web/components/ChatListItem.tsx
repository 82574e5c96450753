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
}

export function ChatListItem({ chat, active, myId }: Props) {
  const last = chat.lastMessage;
  return (
    <li>
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
            {chat.unread > 0 && (
              <span class={chat.muted ? "badge muted" : "badge"} aria-label={t("chats.unread", { n: chat.unread })}>
                {chat.unread > 999 ? "999+" : chat.unread}
              </span>
            )}
          </span>
        </span>
      </Link>
    </li>
  );
}
