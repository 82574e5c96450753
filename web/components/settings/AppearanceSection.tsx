// Appearance and language: how the app looks and speaks on this device (remembered here, not
// on the server).
import { LangSwitch } from "../LangSwitch.tsx";

export function AppearanceSection() {
  return (
    <div class="settings-fields">
      <LangSwitch />
    </div>
  );
}
