// Above the text box: the message being answered ("Reply to Ann") or being edited
// ("Editing"), with a button to cancel (Esc does the same).
import { t } from "../i18n/index.ts";
import type { ComposeModel } from "../state/openChat/compose.ts";
import { plain } from "./markup.ts";

export function ComposeBar({ compose, onCancel }: { compose: ComposeModel; onCancel: () => void }) {
  const editing = compose.editing.value;
  const reply = compose.reply.value;
  const quote = editing ?? reply;
  if (!quote) return null;
  return (
    <div class={editing ? "compose-bar editing" : "compose-bar"} role="status">
      <svg class="compose-bar-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        {editing ? (
          <path fill="currentColor" d="M3 17.3V21h3.7l11-11-3.7-3.7zM20.7 7a1 1 0 0 0 0-1.4l-2.3-2.3a1 1 0 0 0-1.4 0l-1.8 1.8 3.7 3.7z" />
        ) : (
          <path fill="currentColor" d="M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z" />
        )}
      </svg>
      <div class="compose-bar-text">
        <span class="compose-bar-title">{editing ? t("edit.title") : t("reply.to", { name: quote.sender })}</span>
        <span class="compose-bar-excerpt">{plain(quote.excerpt) || t("message.attachment")}</span>
      </div>
      <button type="button" class="icon-btn" aria-label={editing ? t("edit.cancel") : t("reply.cancel")} title={editing ? t("edit.cancel") : t("reply.cancel")} onClick={onCancel}>
        ×
      </button>
    </div>
  );
}
