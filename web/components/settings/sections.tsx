// The settings screen's sections, in the order they show. A new section is a component in its
// own file beside this one (it gets SectionProps) plus one line here. `id` becomes the
// section's anchor (/settings#appearance) and its heading's id; `title` is read on every
// render so it follows the language.
import type { FunctionComponent } from "preact";
import { t } from "../../i18n/settings.ts";
import { AccountSection } from "./AccountSection.tsx";
import { AppearanceSection } from "./AppearanceSection.tsx";
import { BlockedSection } from "./BlockedSection.tsx";
import { ProfileSection } from "./ProfileSection.tsx";
import { SecuritySection } from "./SecuritySection.tsx";
import { NotificationsSection } from "./NotificationsSection.tsx";
import type { SectionProps } from "./types.ts";

export interface SettingsSection {
  id: string;
  title: () => string;
  Component: FunctionComponent<SectionProps>;
}

export const settingsSections: SettingsSection[] = [
  { id: "profile", title: () => t("settings.profile"), Component: ProfileSection },
  { id: "security", title: () => t("settings.security"), Component: SecuritySection },
  { id: "appearance", title: () => t("settings.appearance"), Component: AppearanceSection },
  { id: "blocked", title: () => t("blocked.title"), Component: BlockedSection },
  { id: "account", title: () => t("account.title"), Component: AccountSection },
  { id: "notifications", title: () => t("settings.notifications"), Component: NotificationsSection },
];
