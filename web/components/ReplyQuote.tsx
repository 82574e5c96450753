// The quote at the top of a reply: who wrote the original and how it starts ("Deleted
// message" once it is gone). Clicking it shows the original, loading it if it is far back.
import { useContext } from "preact/hooks";
import type { Message } from "#protocol";
import { t } from "../i18n/index.ts";
import { plain } from "./markup.ts";
import { MessageUiContext } from "./messageUi.ts";

export function ReplyQuote({ quote }: { quote: NonNullable<Message["replyTo"]> }) {
  const ui = useContext(MessageUiContext);
  const loaded = ui?.model.messages.value.find((m) => m.seq === quote.seq);
  const deleted = quote.deleted === true || loaded?.deleted === true;
  const name = quote.sender?.displayName ?? "";
  const text = deleted ? t("reply.deleted") : plain(quote.excerpt) || t("message.attachment");
  return (
    <button
      type="button"
      class={deleted ? "reply-quote gone" : "reply-quote"}
      title={t("reply.show", { name })}
      onClick={(e) => {
        e.stopPropagation();
        void ui?.model.jumpTo(quote.seq);
      }}
    >
      <span class="reply-name">{name}</span>
      <span class="reply-text">{text}</span>
    </button>
  );
}
