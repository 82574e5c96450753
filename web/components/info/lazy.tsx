// The chat-info panel is loaded on first use (a separate chunk): most visits never open it,
// and the first load has a size budget. Hovering or focusing the info button starts the
// download early, so the click usually finds it already there.
import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n/index.ts";
import { LinesSkeleton } from "../Skeleton.tsx";
import type { Props } from "./ChatInfo.tsx";

type Module = typeof import("./ChatInfo.tsx");

let loading: Promise<Module> | null = null;

function load(): Promise<Module> {
  loading ??= import("./ChatInfo.tsx").catch((e: unknown) => {
    loading = null; // try again next time (a network blip, a redeploy)
    throw e;
  });
  return loading;
}

export function prefetchInfo(): void {
  void load().catch(() => undefined);
}

export function LazyChatInfo(props: Props) {
  const [mod, setMod] = useState<Module | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    load().then(
      (m) => live && setMod(m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  if (mod) return <mod.ChatInfo {...props} />;
  return (
    <aside id="chat-info" class="info" aria-label={t("info.title")} aria-busy={!failed}>
      {failed ? <p class="info-note muted">{t("error.network")}</p> : <div class="info-note"><LinesSkeleton lines={5} /></div>}
    </aside>
  );
}
