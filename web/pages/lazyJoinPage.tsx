// An invite link's page (/join/:token), a chunk fetched when such a link is opened (see
// ../components/lazy.tsx): most visits never open one.
import { lazy, LoadFailed } from "../components/lazy.tsx";
import { LinesSkeleton } from "../components/Skeleton.tsx";
import type { JoinLinkModel } from "../state/joinLink.ts";

export const LazyJoinPage = lazy<{ link: JoinLinkModel }>(
  () => import("./JoinPage.tsx").then((m) => m.JoinPage),
  ({ failed, retry }) => <div class="pane-notice">{failed ? <LoadFailed retry={retry} /> : <LinesSkeleton lines={3} />}</div>,
).Component;
