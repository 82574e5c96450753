import type { Attachment } from "../../worker/protocol/index.ts";
import { formatStamp, formatTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { Bubble } from "./history.ts";
import { RichText } from "./RichText.tsx";

function Media({ a }: { a: Attachment }) {
  if (a.kind === "image") {
    return (
      <a class="media" href={a.url} target="_blank" rel="noopener noreferrer">
        <img src={a.thumbnailUrl ?? a.url} alt={a.name} width={a.width ?? undefined} height={a.height ?? undefined} loading="lazy" />
      </a>
    );
  }
  return <video class="media" src={a.url} poster={a.thumbnailUrl ?? undefined} controls preload="metadata" />;
}

const marks = { sending: "🕓", sent: "✓", read: "✓✓", failed: "!" } as const;

export function MessageBubble({ bubble, onRetry }: { bubble: Bubble; onRetry: (clientId: string) => void }) {
  const { delivery } = bubble;
  const label = delivery === "sending" ? t("message.sending") : delivery === "failed" ? t("message.failed") : t("message.sent");
  return (
    <div class={`bubble${bubble.deleted ? " deleted" : ""}${delivery ? ` ${delivery}` : ""}`} data-seq={bubble.seq ?? undefined}>
      {bubble.attachments.map((a) => (
        <Media key={a.id} a={a} />
      ))}
      {bubble.deleted ? (
        <span class="text muted">{t("message.deleted")}</span>
      ) : (
        bubble.body && (
          <span class="text">
            <RichText text={bubble.body} />
          </span>
        )
      )}
      <span class="meta">
        {bubble.editedAt && !bubble.deleted && <span class="edited">{t("message.edited")}</span>}
        <time dateTime={bubble.createdAt} title={formatStamp(bubble.createdAt)}>
          {formatTime(bubble.createdAt)}
        </time>
        {delivery && (
          <span class={`delivery ${delivery}`} title={label} aria-label={label} data-delivery={delivery}>
            {marks[delivery]}
          </span>
        )}
      </span>
      {delivery === "failed" && bubble.clientId && (
        <button class="retry" type="button" onClick={() => onRetry(bubble.clientId!)} title={bubble.error}>
          {t("message.failed")} · {t("message.retry")}
        </button>
      )}
    </div>
  );
}
