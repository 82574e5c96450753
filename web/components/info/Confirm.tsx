// "Are you sure?" for the actions that cannot be taken back (transfer, remove, leave,
// delete). The API's answer, if it refuses, is shown in the dialog itself, next to the
// button the user just pressed.
import { useState } from "preact/hooks";
import { t } from "../../i18n/panel.ts";
import { Dialog } from "../Dialog.tsx";
import { describeError } from "../errors.ts";

export interface ConfirmProps {
  title: string;
  text: string;
  confirm: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function Confirm({ title, text, confirm, onConfirm, onClose }: ConfirmProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function go() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <p class="confirm-text">{text}</p>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onClose}>
          {t("dialog.cancel")}
        </button>
        <button type="button" class="btn danger" disabled={busy} onClick={go}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
