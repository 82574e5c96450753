// In place of the composer while reading a public chat one has not joined.
import { useState } from "preact/hooks";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { describeError } from "./errors.ts";

export function JoinBar({ model }: { model: OpenChatModel }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="join-bar">
      <button
        class="btn primary"
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await model.join();
          } catch (e) {
            setError(describeError(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t("chat.join")}
      </button>
      {error && <p class="form-error">{error}</p>}
    </div>
  );
}
