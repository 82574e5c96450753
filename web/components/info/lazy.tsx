// The chat-info panel is loaded on first use (a separate chunk, see ../lazy.tsx): most visits
// never open it. Hovering or focusing the info button starts the download early.
import { t } from "../../i18n/index.ts";
import { lazy, LoadFailed } from "../lazy.tsx";
import { LinesSkeleton } from "../Skeleton.tsx";
import type { Props } from "./ChatInfo.tsx";

const info = lazy<Props>(
  () => import("./ChatInfo.tsx").then((m) => m.ChatInfo),
  ({ failed, retry }) => (
    <aside id="chat-info" class="info" aria-label={t("info.title")} aria-busy={!failed}>
      <div class="info-note">{failed ? <LoadFailed retry={retry} /> : <LinesSkeleton lines={5} />}</div>
    </aside>
  ),
);

export const LazyChatInfo = info.Component;
export const prefetchInfo = info.prefetch;
