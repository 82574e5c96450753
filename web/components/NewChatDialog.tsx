import { useState } from "preact/hooks";
import { limits } from "#protocol";
import { t } from "../i18n/index.ts";
import type { ChatListModel } from "../state/chatList.ts";
import { navigate } from "../state/router.ts";
import { chatPath } from "../state/routes.ts";
import { Dialog } from "./Dialog.tsx";
import { describeError } from "./errors.ts";

export function NewChatDialog({ chats, onClose }: { chats: ChatListModel; onClose: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (!name.trim()) {
      setError(t("validate.chatName"));
      return;
    }
    setBusy(true);
    try {
      const chat = await chats.create(name);
      onClose();
      navigate(chatPath(chat.id));
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t("chats.newTitle")} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label class={error ? "field invalid" : "field"}>
          <span>{t("chats.name")}</span>
          <input
            name="chatName"
            autoFocus
            maxLength={limits.chatNameMax}
            value={name}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
          />
          <small class="field-error" role="alert">
            {error}
          </small>
        </label>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={onClose}>
            {t("dialog.cancel")}
          </button>
          <button type="submit" class="btn primary" disabled={busy}>
            {t("chats.create")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
