// Appearance and language: how the app looks and speaks in this browser (remembered here, not
// on the server).
import { setTheme, theme, themes, type Theme } from "../../appearance/theme.ts";
import { t, type SettingsKey } from "../../i18n/settings.ts";
import { LangSwitch } from "../LangSwitch.tsx";

const themeNames: Record<Theme, SettingsKey> = { system: "settings.themeSystem", light: "settings.themeLight", dark: "settings.themeDark" };

export function AppearanceSection() {
  return (
    <div class="settings-fields">
      <fieldset class="theme-choice">
        <legend>{t("settings.theme")}</legend>
        {themes.map((value) => (
          <label key={value} class="radio">
            <input type="radio" name="theme" value={value} checked={theme.value === value} onChange={() => setTheme(value)} />
            <span>{t(themeNames[value])}</span>
          </label>
        ))}
      </fieldset>
      <div class="settings-row">
        <LangSwitch />
      </div>
    </div>
  );
}
