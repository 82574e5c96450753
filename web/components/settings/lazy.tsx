// The settings screen is loaded on first use (a chunk with its sections, the picture cropper
// and its strings; see ../lazy.tsx): most visits never open it. Hovering or focusing one's
// own name in the sidebar starts the download early.
import { lazy, LoadFailed } from "../lazy.tsx";
import { LinesSkeleton } from "../Skeleton.tsx";
import { SettingsFrame } from "./SettingsFrame.tsx";
import type { Props } from "./SettingsScreen.tsx";

const settings = lazy<Props>(
  () => import("./SettingsScreen.tsx").then((m) => m.SettingsScreen),
  ({ failed, retry }) => (
    <SettingsFrame>
      <section class="settings-section">{failed ? <LoadFailed retry={retry} /> : <LinesSkeleton lines={8} />}</section>
    </SettingsFrame>
  ),
);

export const LazySettingsScreen = settings.Component;
export const prefetchSettings = settings.prefetch;
