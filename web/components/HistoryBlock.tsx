// One block of the history: a day separator, the "new messages" divider, a system line, or a
// run of one sender's messages.
import { formatDay } from "../i18n/format.ts";
import { Avatar, UserAvatar } from "./Avatar.tsx";
import type { Block } from "./history.ts";
import { MessageBubble } from "./MessageBubble.tsx";
import { personName, useProfileCard } from "./profileCard.ts";
import { t } from "../i18n/index.ts";
import { systemText } from "./systemText.ts";

export function HistoryBlock({ block, onRetry }: { block: Block; onRetry: (clientId: string) => void }) {
  const openCard = useProfileCard();
  switch (block.type) {
    case "day":
      return (
        <div class="day">
          <span>{formatDay(block.at)}</span>
        </div>
      );
    case "unread":
      return (
        <div class="unread-divider" data-unread-divider="">
          <span>{t("chat.newMessages")}</span>
        </div>
      );
    case "system":
      return (
        <p class="system">
          <span>{systemText(block.message)}</span>
        </p>
      );
    case "group": {
      const sender = block.sender;
      const name = sender ? personName(sender) : "?";
      // The sender opens their profile card. Out of the tab order: the history has one tab
      // stop (the roving message); keyboard users open cards from the chat's member list. The
      // picture repeats the name button beside it for the mouse, so it is hidden from readers.
      const open = sender && openCard ? () => openCard(sender) : null;
      return (
        <div class={block.mine ? "group mine" : "group"}>
          {!block.mine &&
            (sender && open ? (
              <button type="button" class="sender-avatar" tabIndex={-1} aria-hidden="true" onClick={open}>
                <UserAvatar user={sender} size="sm" />
              </button>
            ) : (
              <Avatar name={name} seed="" size="sm" />
            ))}
          <div class="group-body">
            {!block.mine &&
              (open ? (
                <button type="button" class="sender sender-btn" tabIndex={-1} onClick={open}>
                  {name}
                </button>
              ) : (
                <div class="sender">{name}</div>
              ))}
            {block.bubbles.map((bubble) => (
              <MessageBubble key={bubble.key} bubble={bubble} onRetry={onRetry} />
            ))}
          </div>
        </div>
      );
    }
  }
}
