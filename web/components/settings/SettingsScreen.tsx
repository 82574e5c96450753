// /settings: one scrolling screen of sections (sections.tsx), in the right-hand pane beside the
// chat list, full screen on a phone. "Back to chats" is always there (SettingsFrame): on a
// phone it is the only way back without the browser's own button. Loaded lazily (lazy.tsx).
import type { SettingsModel } from "../../state/settings/settings.ts";
import type { AccountModel } from "../../state/account.ts";
import { SettingsFrame } from "./SettingsFrame.tsx";
import { settingsSections } from "./sections.tsx";
import "../../styles/lazy/settings.css";

export interface Props {
  account: AccountModel;
  settings: SettingsModel;
}

export function SettingsScreen({ account, settings }: Props) {
  const me = settings.me.value;
  return (
    <SettingsFrame>
      {settingsSections.map(({ id, title, Component }) => (
        <section key={id} class="settings-section" aria-labelledby={`settings-${id}`}>
          <h2 id={`settings-${id}`}>{title()}</h2>
          <Component me={me} account={account} settings={settings} />
        </section>
      ))}
    </SettingsFrame>
  );
}
