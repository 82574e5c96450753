// The settings screen's state (/settings): one model per section that talks to the server,
// made when the screen opens and disposed when it closes (account.ts), so nothing it loaded
// or started outlives the screen. A section with state of its own adds its model here (one
// field) and its view to components/settings/sections.tsx (one line).
import { createModel, type ReadonlySignal } from "@preact/signals";
import type { User } from "#protocol";
import type { IO } from "../io.ts";

/** What the account hands the settings screen. */
export interface SettingsHost {
  /** The signed-in user, as the session knows them now. */
  me: ReadonlySignal<User>;
  io: IO;
  /** The server answered with a changed profile: the session (and every view of "me") takes it. */
  meChanged(user: User): void;
  /** The server ended this session (its password changed elsewhere, it was ended): sign out here. */
  sessionEnded(): void;
}

export const Settings = createModel((host: SettingsHost) => {
  return { me: host.me };
});

export type SettingsModel = InstanceType<typeof Settings>;
