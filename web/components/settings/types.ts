// What every settings section is given. A section reads signals and calls named actions on
// these models; it never calls the network itself (tests/unit/web/layers.test.ts).
import type { User } from "#protocol";
import type { AccountModel } from "../../state/account.ts";
import type { SettingsModel } from "../../state/settings/settings.ts";

export interface SectionProps {
  /** The signed-in user as the session knows them now. */
  me: User;
  account: AccountModel;
  settings: SettingsModel;
}
