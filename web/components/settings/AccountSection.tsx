// "Account": download one's data, and delete the account. Deleting asks for the username typed
// again and the password (the server checks both); afterwards the app is signed out and this
// device has forgotten the person's unsent messages and drafts (state/accountData.ts).
import { useState } from "preact/hooks";
import { t } from "../../i18n/settings.ts";
import type { AccountDataModel } from "../../state/accountData.ts";
import { Dialog } from "../Dialog.tsx";
import type { SectionProps } from "./types.ts";

export function AccountSection({ me, account }: SectionProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div class="settings-fields">
      <div class="settings-row">
        <a class="btn" href={account.data.exportUrl.value} download>
          {t("account.download")}
        </a>
      </div>
      <p class="muted">{t("account.downloadHint")}</p>
      <div class="settings-row">
        <button type="button" class="btn danger" onClick={() => setConfirming(true)}>
          {t("account.delete")}
        </button>
      </div>
      <p class="muted">{t("account.deleteHint")}</p>
      {confirming && <DeleteDialog username={me.username} data={account.data} onClose={() => setConfirming(false)} />}
    </div>
  );
}

function DeleteDialog({ username, data, onClose }: { username: string; data: AccountDataModel; onClose: () => void }) {
  const [typed, setTyped] = useState("");
  const [password, setPassword] = useState("");
  const matches = typed.trim().toLowerCase() === username;
  const failure = data.failure.value;
  const error =
    failure === null
      ? null
      : failure === "forbidden"
        ? t("account.wrongPassword")
        : failure === "rate_limited"
          ? t("error.rate_limited", { n: 60 })
          : failure === "network"
            ? t("error.network")
            : t("error.unknown", { code: failure });

  async function submit(e: Event) {
    e.preventDefault();
    if (!matches || !password || data.busy.value) return;
    await data.remove(typed.trim(), password);
  }

  return (
    <Dialog
      title={t("account.deleteTitle")}
      onClose={() => {
        data.clearFailure();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p class="confirm-text">{t("account.deleteHint")}</p>
        <label class="field">
          <span>{t("account.typeUsername", { username })}</span>
          <input name="confirmUsername" autoComplete="off" autoCapitalize="none" spellcheck={false} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <label class={error ? "field invalid" : "field"}>
          <span>{t("account.password")}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => {
              setPassword(e.currentTarget.value);
              data.clearFailure();
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
          <button type="submit" class="btn danger" disabled={!matches || !password || data.busy.value}>
            {t("account.deleteConfirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
