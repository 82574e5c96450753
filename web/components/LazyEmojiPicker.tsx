// The emoji picker's chunk (emojibase's list and names) is fetched when it is first opened
// (see EmojiPicker.tsx and lazy.tsx).
import { t } from "../i18n/index.ts";
import { Dialog } from "./Dialog.tsx";
import { lazy, LoadFailed } from "./lazy.tsx";
import { LinesSkeleton } from "./Skeleton.tsx";

type Props = { onPick: (emoji: string) => void; onClose: () => void };

export const LazyEmojiPicker = lazy<Props>(
  () => import("./EmojiPicker.tsx").then((m) => m.EmojiPicker),
  ({ onClose, failed, retry }) => (
    <Dialog title={t("picker.title")} onClose={onClose} standIn>
      {failed ? <LoadFailed retry={retry} /> : <LinesSkeleton lines={4} />}
    </Dialog>
  ),
).Component;
