// Notifications on this device: desktop notifications (switching them on is the only moment the
// browser is asked for permission) and their sound. Remembered per user on this device
// (state/notifications.ts).
import { t } from "../../i18n/index.ts";
import type { SectionProps } from "./types.ts";

export function NotificationsSection({ account }: SectionProps) {
  const n = account.notifications;
  const permission = n.permission.value;
  const unsupported = permission === "unsupported";
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
    </div>
  );
}
