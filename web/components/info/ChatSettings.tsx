// Renaming a group and switching it between private and public (owner and admins).
import { useEffect, useState } from "preact/hooks";
import { limits, type Chat } from "#protocol";
import { t } from "../../i18n/panel.ts";
import * as admin from "../../state/openChat/admin.ts";
import type { OpenChatModel } from "../../state/openChat/openChat.ts";
import { describeError } from "../errors.ts";

export function ChatSettings({ model, chat }: { model: OpenChatModel; chat: Chat }) {
  const [name, setName] = useState(chat.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Someone else renamed it meanwhile: show the new name unless the user is editing.
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setName(chat.name);
  }, [chat.name, editing]);

  async function act(change: Parameters<typeof admin.update>[1]) {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await admin.update(model, change);
      setSaved(true);
      setEditing(false);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const trimmed = name.trim();
  return (
    <section class="info-section">
      <form
        class="rename"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!trimmed) setError(t("validate.chatName"));
          else if (trimmed !== chat.name) void act({ name: trimmed });
        }}
      >
        <label class={error ? "field invalid" : "field"}>
          <span>{t("chats.name")}</span>
          <span class="field-row">
            <input
              name="chatRename"
              maxLength={limits.chatNameMax}
              value={name}
              onInput={(e) => {
                setName(e.currentTarget.value);
                setEditing(true);
                setSaved(false);
                setError(null);
              }}
            />
            <button type="submit" class="btn primary" disabled={busy || !trimmed || trimmed === chat.name}>
              {t("info.save")}
            </button>
          </span>
        </label>
      </form>
      <fieldset class="visibility" disabled={busy}>
        <legend>{t("info.visibility")}</legend>
        {(["private", "public"] as const).map((v) => (
          <label key={v} class="radio">
            <input
              type="radio"
              name="visibility"
              value={v}
              checked={chat.visibility === v}
              onChange={() => void act({ visibility: v })}
            />
            <span>
              {t(v === "public" ? "info.public" : "info.private")}
              <small class="muted">{t(v === "public" ? "info.publicHint" : "info.privateHint")}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <p class={error ? "form-error" : "form-ok"} role="status">
        {error ?? (saved ? t("info.saved") : "")}
      </p>
    </section>
  );
}
