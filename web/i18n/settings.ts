// `t()` for the settings screen: the app's keys plus the screen's own, in both languages.
import { withStrings } from "./index.ts";
import { settingsEn } from "./settings.en.ts";
import { settingsRu } from "./settings.ru.ts";

export type { SettingsKey } from "./settings.en.ts";
export const t = withStrings({ en: settingsEn, ru: settingsRu });
