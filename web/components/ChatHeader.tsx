import { useEffect, useState } from "preact/hooks";
import type { Chat } from "../../worker/protocol/index.ts";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat.ts";
import { Avatar } from "./Avatar.tsx";
import { Link } from "./Link.tsx";

interface Props {
  chat: Chat;
  /** Read here, not in ChatView: a typing notice re-renders the header, not the history. */
  model: OpenChatModel;
  onInvite: () => void;
}

/** True once `value` has stayed true for `ms`: a socket that reconnects at once never flashes. */
function useSettled(value: boolean, ms: number): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!value) {
      setSettled(false);
      return;
    }
    const timer = setTimeout(() => setSettled(true), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ChatHeader({ chat, model, onInvite }: Props) {
  // A reader of a public chat they have not joined has no socket to wait for.
  const connecting = useSettled(model.member.value && !model.live.value, 400);
  const typing = model.typing.value;
  const online = model.online.value.length;
  let status: string;
  if (connecting) status = t("chat.connecting");
  else if (typing.length === 1) status = t("chat.typing", { name: typing[0]!.displayName });
  else if (typing.length > 1) status = t("chat.typingMany", { n: typing.length });
  else {
    status = t("chat.members", { n: chat.memberCount });
    if (online > 1) status += `, ${t("chat.online", { n: online })}`;
  }
  return (
    <header class="chat-head">
      <Link href="/" class="icon-btn back" aria-label={t("chat.back")}>
        <span aria-hidden="true">←</span>
      </Link>
      <Avatar name={chat.name} seed={chat.id} />
      <div class="chat-head-text">
        <h1 class="chat-title">{chat.name}</h1>
        <p class={`chat-status${connecting ? " connecting" : typing.length ? " typing" : ""}`} role="status">
          {status}
        </p>
      </div>
      {chat.role !== null && (
        <button class="btn small" type="button" onClick={onInvite}>
          {t("chat.invite")}
        </button>
      )}
    </header>
  );
}
