// The settings screen's frame: its heading and the way back. Shared by the screen and by its
// placeholder while the screen's chunk loads (lazy.tsx), so the heading never jumps.
import type { ComponentChildren } from "preact";
import { t } from "../../i18n/index.ts";
import { Link } from "../Link.tsx";

export function SettingsFrame({ children }: { children: ComponentChildren }) {
  return (
    <div class="settings">
      <header class="settings-head">
        <Link href="/" class="icon-btn" aria-label={t("chat.back")}>
          <span aria-hidden="true">←</span>
        </Link>
        <h1>{t("settings.title")}</h1>
      </header>
      <div class="settings-body">{children}</div>
    </div>
  );
}
