// The dialogs a message's menu leads to: confirming a deletion, and "Message info" (who has
// read one's own message, and when; fetched again as read marks move).
import { useEffect, useState } from "preact/hooks";
import type { Message, Readers } from "#protocol";
import { formatStamp } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { UserAvatar } from "./Avatar.tsx";
import { Dialog } from "./Dialog.tsx";
import { describeError } from "./errors.ts";
import { LinesSkeleton } from "./Skeleton.tsx";

export function DeleteMessage({ message, model, onClose }: { message: Message; model: OpenChatModel; onClose: () => void }) {
  return (
    <Dialog title={t("actions.deleteTitle")} onClose={onClose}>
      <p class="confirm-text">{t("actions.deleteText")}</p>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onClose}>
          {t("dialog.cancel")}
        </button>
        <button
          type="button"
          class="btn danger"
          onClick={() => {
            // A refusal shows as the chat's notice; the message goes when the room says so.
            model.actions.remove(message.seq);
            onClose();
          }}
        >
          {t("actions.delete")}
        </button>
      </div>
    </Dialog>
  );
}

export function MessageInfo({ message, model, onClose }: { message: Message; model: OpenChatModel; onClose: () => void }) {
  const [readers, setReaders] = useState<Readers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tick = model.readTick.value;
  useEffect(() => {
    let live = true;
    model.actions.readers(message.seq).then(
      (list) => {
        if (!live) return;
        setReaders(list);
        setError(null);
      },
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [message.seq, tick]);

  return (
    <Dialog title={t("readers.title")} onClose={onClose}>
      <p class="muted readers-sent">{t("readers.sent", { time: formatStamp(message.createdAt) })}</p>
      <h3 class="readers-title">{t("readers.readBy")}</h3>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {readers && !readers.length && <p class="muted">{t("readers.nobody")}</p>}
      {readers && readers.length > 0 && (
        <ul class="readers">
          {readers.map((r) => (
            <li key={r.user.id} class="reader">
              <UserAvatar user={r.user} size="sm" />
              <span class="reader-name">{r.user.displayName}</span>
              <span class="muted reader-time">{r.readAt ? formatStamp(r.readAt) : t("readers.earlier")}</span>
            </li>
          ))}
        </ul>
      )}
      {!readers && !error && <LinesSkeleton lines={2} />}
    </Dialog>
  );
}
