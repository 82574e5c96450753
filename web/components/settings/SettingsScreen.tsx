// /settings: one scrolling screen of sections (sections.tsx), in the right-hand pane beside the
// chat list, full screen on a phone. "Back to chats" is always there: on a phone it is the
// only way back without the browser's own button.
import { t } from "../../i18n/index.ts";
import type { SettingsModel } from "../../state/settings/settings.ts";
import type { AccountModel } from "../../state/account.ts";
import { Link } from "../Link.tsx";
import { settingsSections } from "./sections.tsx";

export function SettingsScreen({ account, settings }: { account: AccountModel; settings: SettingsModel }) {
  const me = settings.me.value;
  return (
    <div class="settings">
      <header class="settings-head">
        <Link href="/" class="icon-btn" aria-label={t("chat.back")}>
          <span aria-hidden="true">←</span>
        </Link>
        <h1>{t("settings.title")}</h1>
      </header>
      <div class="settings-body">
        {settingsSections.map(({ id, title, Component }) => (
          <section key={id} class="settings-section" aria-labelledby={`settings-${id}`}>
            <h2 id={`settings-${id}`}>{title()}</h2>
            <Component me={me} account={account} settings={settings} />
          </section>
        ))}
      </div>
    </div>
  );
}
