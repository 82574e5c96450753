// The button that appears on a message under the mouse and opens its menu. Out of the tab
// order: from the keyboard, the focused message opens its menu with Enter.
import { useContext } from "preact/hooks";
import { t } from "../i18n/index.ts";
import { MessageUiContext } from "./messageUi.ts";

export function MessageActionsButton({ seq }: { seq: number }) {
  const ui = useContext(MessageUiContext);
  if (!ui) return null;
  return (
    <button
      type="button"
      class="msg-actions"
      tabIndex={-1}
      aria-label={t("actions.open")}
      title={t("actions.open")}
      aria-haspopup="menu"
      onClick={(e) => {
        e.stopPropagation();
        ui.openMenu(seq, e.currentTarget);
      }}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path fill="currentColor" d="M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm0 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z" />
      </svg>
    </button>
  );
}
