// "Blocked people": whom the user blocked, each with Unblock, or a line saying there is nobody.
// The list is the account's (state/people.ts), so a block made from a profile card shows here.
import { useEffect } from "preact/hooks";
import { t } from "../../i18n/settings.ts";
import { UserAvatar } from "../Avatar.tsx";
import { personName } from "../profileCard.ts";
import type { SectionProps } from "./types.ts";

export function BlockedSection({ account }: SectionProps) {
  const { people } = account;
  useEffect(() => void people.load(), [people]);
  const list = people.blocked.value;
  const failure = people.failure.value;
  return (
    <div class="settings-fields">
      <p class="muted">{t("blocked.hint")}</p>
      {list === null ? (
        <p class="muted">{t("app.loading")}</p>
      ) : list.length === 0 ? (
        <p class="muted">{t("blocked.empty")}</p>
      ) : (
        <ul class="blocked-list">
          {list.map((user) => {
            const name = personName(user);
            return (
              <li key={user.id} class="blocked-row">
                <UserAvatar user={user} size="sm" />
                <span class="blocked-text">
                  <span class="blocked-name">{name}</span>
                  {!user.deleted && <span class="muted">@{user.username}</span>}
                </span>
                <button type="button" class="btn small" aria-label={t("blocked.unblock", { name })} disabled={people.busy.value} onClick={() => void people.unblock(user)}>
                  {t("people.unblock")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {failure && (
        <p class="form-error" role="alert">
          {failure === "network" ? t("error.network") : t("error.unknown", { code: failure })}
        </p>
      )}
    </div>
  );
}
