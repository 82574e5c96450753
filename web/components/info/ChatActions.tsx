// The way out of a group: leave (anyone; the owner is told by the API to hand ownership
// over first while others remain) and delete (the owner). Both ask first.
import { useState } from "preact/hooks";
import type { Chat, User } from "#protocol";
import { t } from "../../i18n/panel.ts";
import * as admin from "../../state/openChat/admin.ts";
import type { OpenChatModel } from "../../state/openChat/openChat.ts";
import type { Abilities } from "#protocol";
import { Confirm } from "./Confirm.tsx";

interface Props {
  model: OpenChatModel;
  me: User;
  chat: Chat;
  can: Abilities;
}

export function ChatActions({ model, me, chat, can }: Props) {
  const [asking, setAsking] = useState<"leave" | "delete" | null>(null);
  if (!can.leave && !can.deleteChat) return null;
  return (
    <section class="info-section info-exit">
      {can.leave && (
        <button type="button" class="btn danger-text wide" onClick={() => setAsking("leave")}>
          {t("info.leave")}
        </button>
      )}
      {can.deleteChat && (
        <button type="button" class="btn danger-text wide" onClick={() => setAsking("delete")}>
          {t("info.delete")}
        </button>
      )}
      {asking === "leave" && (
        <Confirm
          title={t("confirm.leaveTitle", { name: chat.name })}
          text={chat.memberCount <= 1 ? t("confirm.leaveLastText") : t("confirm.leaveText")}
          confirm={t("confirm.leave")}
          onConfirm={() => admin.leave(model, me.id)}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === "delete" && (
        <Confirm
          title={t("confirm.deleteTitle", { name: chat.name })}
          text={t("confirm.deleteText")}
          confirm={t("confirm.delete")}
          onConfirm={() => admin.deleteChat(model)}
          onClose={() => setAsking(null)}
        />
      )}
    </section>
  );
}
