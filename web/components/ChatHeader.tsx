import { useEffect, useState } from "preact/hooks";
import type { Chat } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { ChatAvatar } from "./Avatar.tsx";
import { prefetchInfo } from "./info/lazy.tsx";
import { Link } from "./Link.tsx";
import { chatName } from "./profileCard.ts";

interface Props {
  chat: Chat;
  /** Read here, not in ChatView: a typing notice re-renders the header, not the history. */
  model: OpenChatModel;
  onInvite: () => void;
  infoOpen: boolean;
  onInfo: () => void;
  searching: boolean;
  onSearch: () => void;
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

export function ChatHeader({ chat, model, onInvite, infoOpen, onInfo, searching, onSearch }: Props) {
  // A reader of a public chat they have not joined has no socket to wait for.
  const connecting = useSettled(model.member.value && !model.live.value, 400);
  const typing = model.typing.value;
  const online = model.online.value.length;
  let status: string;
  if (connecting) status = t("chat.connecting");
  else if (typing.length === 1) status = t("chat.typing", { name: typing[0]!.displayName });
  else if (typing.length > 1) status = t("chat.typingMany", { n: typing.length });
  else if (chat.peer) status = model.online.value.includes(chat.peer.id) ? t("info.online") : `@${chat.peer.username}`;
  else {
    status = t("chat.members", { n: chat.memberCount });
    if (online > 1) status += `, ${t("chat.online", { n: online })}`;
  }
  return (
    <header class="chat-head">
      <Link href="/" class="icon-btn back" aria-label={t("chat.back")}>
        <span aria-hidden="true">←</span>
      </Link>
      <ChatAvatar chat={chat} />
      {/* A click on the title opens the info too; the button is the keyboard's way there. */}
      <div class="chat-head-text" onClick={onInfo}>
        <h1 class="chat-title">{chatName(chat)}</h1>
        <p class={`chat-status${connecting ? " connecting" : typing.length ? " typing" : ""}`} role="status">
          {status}
        </p>
      </div>
      {chat.role !== null && chat.kind === "group" && (
        // On a phone the word gives way to an icon (layout.css), so the title keeps its room.
        <button class="btn small head-invite" type="button" aria-label={t("chat.invite")} onClick={onInvite}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path fill="currentColor" d="M9 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm0 8c3.3 0 7 1.6 7 4v2H2v-2c0-2.4 3.7-4 7-4zm0 2c-2.6 0-4.7 1.1-5 2h10c-.3-.9-2.4-2-5-2zm10-8v3h3v2h-3v3h-2v-3h-3v-2h3V8z" />
          </svg>
          <span class="btn-label">{t("chat.invite")}</span>
        </button>
      )}
      <button class={searching ? "icon-btn active" : "icon-btn"} type="button" aria-label={t("search.inChat")} title={t("search.inChat")} aria-pressed={searching} onClick={onSearch}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path fill="currentColor" d="M10 3a7 7 0 0 1 5.6 11.2l5 5-1.4 1.4-5-5A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z" />
        </svg>
      </button>
      <button
        class={infoOpen ? "icon-btn active" : "icon-btn"}
        type="button"
        aria-label={t("info.title")}
        title={t("info.title")}
        aria-expanded={infoOpen}
        aria-controls="chat-info"
        onClick={onInfo}
        onPointerEnter={prefetchInfo}
        onFocus={prefetchInfo}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16zm-1 7v6h2v-6zm0-4v2h2V7z" />
        </svg>
      </button>
    </header>
  );
}
