// In place of the composer of a direct chat that takes no new messages (docs/api.md
// GET /api/chats/:id `closed`): it says why, so nobody types a message that would be refused.
// The user's own block can be lifted from here.
import { useState } from "preact/hooks";
import type { ClosedChatReason } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";

const text: Record<ClosedChatReason, "closed.youBlocked" | "closed.blocked" | "closed.deleted"> = {
  you_blocked: "closed.youBlocked",
  blocked: "closed.blocked",
  account_deleted: "closed.deleted",
};

export function ClosedBar({ model, reason }: { model: OpenChatModel; reason: ClosedChatReason }) {
  const [busy, setBusy] = useState(false);
  return (
    <div class="closed-bar" role="status">
      <p>{t(text[reason])}</p>
      {reason === "you_blocked" && (
        <button
          class="btn"
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await model.unblock();
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("people.unblock")}
        </button>
      )}
    </div>
  );
}
