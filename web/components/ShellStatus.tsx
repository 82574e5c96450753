// The installable app's two notices, over whatever screen is showing: "Offline" while the
// server cannot be reached (the app then shows what this device kept, read-only), and "A new
// version is available" with "Reload" once a new service worker waits (web/pwa/shell.ts).
import { t } from "../i18n/index.ts";
import type { SessionModel } from "../state/session.ts";

export function ShellStatus({ session }: { session: SessionModel }) {
  const offline = session.offline.value;
  const update = session.updateReady.value;
  if (!offline && !update) return null;
  return (
    <div class="shell-status">
      {offline && (
        <p class="shell-note offline-banner" role="status">
          {t("shell.offline")}
        </p>
      )}
      {update && (
        <div class="shell-note update-prompt" role="status">
          <span>{t("shell.updateReady")}</span>
          <button type="button" class="btn primary" onClick={session.applyUpdate}>
            {t("shell.reload")}
          </button>
        </div>
      )}
    </div>
  );
}

/** In place of the composer while offline: the text box is there, disabled, with the reason. */
export function OfflineComposer() {
  return (
    <div class="composer offline-composer">
      <textarea name="message" rows={1} disabled aria-label={t("composer.placeholder")} aria-describedby="offline-composer-reason" placeholder={t("composer.placeholder")} />
      <p id="offline-composer-reason" class="muted">
        {t("shell.offlineComposer")}
      </p>
    </div>
  );
}
