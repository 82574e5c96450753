// The installable app's two notices, over whatever screen is showing: "Offline" while the
// server cannot be reached (the app then shows what this device kept; what one writes waits in
// the outbox and goes out once the server answers again), and "A new version is available"
// with "Reload" once a new service worker waits (web/pwa/shell.ts).
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
