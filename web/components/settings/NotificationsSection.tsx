// Notifications on this device: desktop notifications (switching them on is the only moment the
// browser is asked for permission) and their sound, remembered per user on this device
// (state/notifications.ts); and push on this device (state/push.ts), which says why where the
// browser cannot receive it.
import { t } from "../../i18n/settings.ts";
import type { SectionProps } from "./types.ts";

export function NotificationsSection({ account }: SectionProps) {
  const n = account.notifications;
  const permission = n.permission.value;
  const unsupported = permission === "unsupported";
  const push = account.push;
  const pushProblem = push.problem.value;
  return (
    <div class="settings-fields">
      <label class="switch-row">
        <input
          type="checkbox"
          role="switch"
          name="desktopNotifications"
          checked={n.enabled.value}
          disabled={unsupported}
          onChange={(e) => void n.setEnabled(e.currentTarget.checked)}
        />
        <span>{t("settings.desktopNotifications")}</span>
      </label>
      {unsupported && <p class="muted">{t("settings.notificationsUnsupported")}</p>}
      {permission === "denied" && <p class="muted">{t("settings.notificationsBlocked")}</p>}
      <label class="switch-row">
        <input type="checkbox" role="switch" name="notificationSound" checked={n.sound.value} onChange={(e) => n.setSound(e.currentTarget.checked)} />
        <span>{t("settings.notificationSound")}</span>
      </label>
      <label class="switch-row">
        <input
          type="checkbox"
          role="switch"
          name="pushNotifications"
          checked={push.on.value}
          disabled={!push.usable() || push.busy.value}
          aria-describedby="push-note"
          onChange={(e) => void push.setEnabled(e.currentTarget.checked)}
        />
        <span>{t("settings.pushNotifications")}</span>
      </label>
      <p class="muted" id="push-note">
        {pushProblem === "browser"
          ? t("settings.pushUnavailable")
          : pushProblem === "server"
            ? t("settings.pushNotConfigured")
            : pushProblem === "blocked"
              ? t("settings.notificationsBlocked")
              : pushProblem === "failed"
                ? t("settings.pushFailed")
                : t("settings.pushHint")}
      </p>
    </div>
  );
}
