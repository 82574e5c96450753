import { formatStamp, formatTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { Bubble } from "./history.ts";
import { Attachments } from "./media/Attachments.tsx";
import { MessageActionsButton } from "./MessageActionsButton.tsx";
import { Reactions } from "./Reactions.tsx";
import { ReplyQuote } from "./ReplyQuote.tsx";
import { RichText } from "./RichText.tsx";
import { useMessageTarget } from "./useMessageTarget.ts";

// Drawn, not typed: emoji and check-mark glyphs are missing from many system fonts.
const marks = {
  sending: <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zm0 1.6a4.9 4.9 0 1 1 0 9.8 4.9 4.9 0 0 1 0-9.8zM7.3 4.5v4.1l3.1 1.9.8-1.3-2.4-1.4V4.5z" />,
  sent: <path d="M6.2 10.6 3.1 7.5 2 8.6l4.2 4.2 8-8-1.1-1.1z" />,
  read: <path d="M4.7 10.6 1.6 7.5.5 8.6l4.2 4.2 8-8-1.1-1.1zm5.6 2.2 8-8-1.1-1.1-6.9 6.9-.6-.6-1.1 1.1z" />,
  failed: <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM7.2 4h1.6v5H7.2zm0 6.2h1.6v1.6H7.2z" />,
} as const;

export function MessageBubble({ bubble, onRetry }: { bubble: Bubble; onRetry: (clientId: string) => void }) {
  const { delivery } = bubble;
  const label = delivery === "sending" ? t("message.sending") : delivery === "failed" ? t("message.failed") : t("message.sent");
  // Focus, right-click, long press and keys open the message's menu (useMessageTarget.ts).
  const target = useMessageTarget(bubble.seq);
  return (
    <div class={`bubble${bubble.deleted ? " deleted" : ""}${bubble.mentionsMe ? " mentions-me" : ""}${delivery ? ` ${delivery}` : ""}`} data-seq={bubble.seq ?? undefined} {...target}>
      {bubble.replyTo && !bubble.deleted && <ReplyQuote quote={bubble.replyTo} />}
      <Attachments list={bubble.attachments} />
      {bubble.deleted ? (
        <span class="text muted">{t("message.deleted")}</span>
      ) : (
        bubble.body && (
          <span class="text">
            <RichText text={bubble.body} mentions={bubble.mentions} />
          </span>
        )
      )}
      <span class="meta">
        {bubble.editedAt && !bubble.deleted && <span class="edited">{t("message.edited")}</span>}
        <time dateTime={bubble.createdAt} title={formatStamp(bubble.createdAt)}>
          {formatTime(bubble.createdAt)}
        </time>
        {delivery && (
          <span class={`delivery ${delivery}`} role="img" title={label} aria-label={label} data-delivery={delivery}>
            <svg viewBox={delivery === "read" ? "0 0 19 16" : "0 0 16 16"} aria-hidden="true">
              {marks[delivery]}
            </svg>
          </span>
        )}
      </span>
      {bubble.seq !== null && bubble.reactions.length > 0 && <Reactions seq={bubble.seq} rev={bubble.rev} reactions={bubble.reactions} />}
      {bubble.seq !== null && !bubble.deleted && <MessageActionsButton seq={bubble.seq} />}
      {delivery === "failed" && bubble.clientId && (
        <button class="retry" type="button" onClick={() => onRetry(bubble.clientId!)} title={bubble.error}>
          {t("message.failed")} · {t("message.retry")}
        </button>
      )}
    </div>
  );
}
