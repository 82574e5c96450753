import { useState } from "preact/hooks";
import { isApiError } from "../api/errors.ts";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { Dialog } from "./Dialog.tsx";
import { describeError } from "./errors.ts";

const usernamePattern = /^[a-z0-9_]{3,32}$/;

export function InviteDialog({ model, onClose }: { model: OpenChatModel; onClose: () => void }) {
  const [username, setUsername] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const name = username.trim().replace(/^@/, "").toLowerCase();
    setDone(null);
    if (!usernamePattern.test(name)) {
      setError(t("validate.username"));
      return;
    }
    setBusy(true);
    try {
      const invite = await model.invite(name);
      setDone(t("chat.invited", { name: invite.to.displayName }));
      setUsername("");
      setError(null);
    } catch (err) {
      setError(isApiError(err, "not_found") ? t("error.not_found_user") : describeError(err, { name }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t("chat.inviteTitle")} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label class={error ? "field invalid" : "field"}>
          <span>{t("auth.username")}</span>
          <input
            name="inviteUsername"
            autoFocus
            autocapitalize="none"
            spellcheck={false}
            maxLength={33}
            value={username}
            onInput={(e) => {
              setUsername(e.currentTarget.value);
              setError(null);
            }}
          />
          <small class="field-error" role="alert">
            {error}
          </small>
        </label>
        <p class="form-ok" role="status">
          {done}
        </p>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={onClose}>
            {t("dialog.close")}
          </button>
          <button type="submit" class="btn primary" disabled={busy}>
            {t("chat.inviteSend")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
