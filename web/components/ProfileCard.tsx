// The profile card: someone's picture, name, @username and bio, with "Send message" and
// "Block"/"Unblock". One's own card and a deleted account's have no actions.
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { PeopleModel } from "../state/people.ts";
import { UserAvatar } from "./Avatar.tsx";
import { Dialog } from "./Dialog.tsx";
import { personName } from "./profileCard.ts";

export function ProfileCard({ user, me, people }: { user: User; me: User; people: PeopleModel }) {
  const self = user.id === me.id;
  const blocked = people.blockedIds.value.has(user.id);
  const busy = people.busy.value;
  const failure = people.failure.value;
  const name = personName(user);
  return (
    <Dialog title={t("people.cardTitle")} onClose={people.close}>
      <div class="profile-card">
        <UserAvatar user={user} size="lg" />
        <p class="profile-name">{name}</p>
        {!user.deleted && <p class="profile-username muted">@{user.username}</p>}
        {user.bio && <p class="profile-bio">{user.bio}</p>}
        {blocked && <p class="profile-note muted">{t("people.youBlocked")}</p>}
        {failure && (
          <p class="form-error" role="alert">
            {failure === "forbidden" ? t("people.cannotMessage") : failure === "network" ? t("error.network") : t("error.unknown", { code: failure })}
          </p>
        )}
        {!self && !user.deleted && (
          <div class="dialog-actions profile-actions">
            <button type="button" class="btn" disabled={busy} onClick={() => void (blocked ? people.unblock(user) : people.block(user))}>
              {blocked ? t("people.unblock") : t("people.block")}
            </button>
            <button type="button" class="btn primary" disabled={busy} onClick={() => void people.message(user)}>
              {t("people.sendMessage")}
            </button>
          </div>
        )}
      </div>
    </Dialog>
  );
}
