// Pending invitations, above the chat list. Accepting opens the chat.
import { useState } from "preact/hooks";
import type { Invite } from "#protocol";
import { t } from "../i18n/index.ts";
import type { InvitesModel } from "../state/invites.ts";
import { navigate } from "../state/router.ts";
import { chatPath } from "../state/routes.ts";
import { describeError } from "./errors.ts";

function InviteItem({ invite, invites }: { invite: Invite; invites: InvitesModel }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function act(kind: "accept" | "decline") {
    setBusy(true);
    setError(null);
    try {
      if (kind === "accept") navigate(chatPath((await invites.accept(invite.id)).id));
      else await invites.decline(invite.id);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }
  return (
    <li class="invite">
      <p>
        {t("invites.from", { from: invite.from.displayName })} <strong>{invite.chat.name}</strong>
      </p>
      <div class="invite-actions">
        <button class="btn primary small" disabled={busy} onClick={() => act("accept")}>
          {t("invites.accept")}
        </button>
        <button class="btn small" disabled={busy} onClick={() => act("decline")}>
          {t("invites.decline")}
        </button>
      </div>
      {error && <p class="form-error">{error}</p>}
    </li>
  );
}

export function InviteList({ invites }: { invites: InvitesModel }) {
  const list = invites.pending.value;
  if (!list.length) return null;
  return (
    <section class="invites" aria-label={t("invites.title")}>
      <h2>{t("invites.title")}</h2>
      <ul>
        {list.map((i) => (
          <InviteItem key={i.id} invite={i} invites={invites} />
        ))}
      </ul>
    </section>
  );
}
