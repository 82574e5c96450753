// One block of the history: a day separator, a system line, or a run of one sender's messages.
import { formatDay } from "../i18n/format.ts";
import { Avatar, UserAvatar } from "./Avatar.tsx";
import type { Block } from "./history.ts";
import { MessageBubble } from "./MessageBubble.tsx";
import { systemText } from "./systemText.ts";

export function HistoryBlock({ block, onRetry }: { block: Block; onRetry: (clientId: string) => void }) {
  switch (block.type) {
    case "day":
      return (
        <div class="day">
          <span>{formatDay(block.at)}</span>
        </div>
      );
    case "system":
      return (
        <p class="system">
          <span>{systemText(block.message)}</span>
        </p>
      );
    case "group": {
      const name = block.sender?.displayName ?? "?";
      return (
        <div class={block.mine ? "group mine" : "group"}>
          {!block.mine && (block.sender ? <UserAvatar user={block.sender} size="sm" /> : <Avatar name={name} seed="" size="sm" />)}
          <div class="group-body">
            {!block.mine && <div class="sender">{name}</div>}
            {block.bubbles.map((bubble) => (
              <MessageBubble key={bubble.key} bubble={bubble} onRetry={onRetry} />
            ))}
          </div>
        </div>
      );
    }
  }
}
