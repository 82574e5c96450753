// The emoji picker's chunk is fetched when it is first opened (see EmojiPicker.tsx).
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/index.ts";
import { Dialog } from "./Dialog.tsx";
import { LinesSkeleton } from "./Skeleton.tsx";

type Module = typeof import("./EmojiPicker.tsx");
let loading: Promise<Module> | null = null;

function load(): Promise<Module> {
  loading ??= import("./EmojiPicker.tsx").catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

export function LazyEmojiPicker(props: { onPick: (emoji: string) => void; onClose: () => void }) {
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
  if (mod) return <mod.EmojiPicker {...props} />;
  return (
    <Dialog title={t("picker.title")} onClose={props.onClose}>
      {failed ? <p class="muted">{t("error.network")}</p> : <LinesSkeleton lines={4} />}
    </Dialog>
  );
}
