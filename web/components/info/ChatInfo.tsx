// The chat-info panel, opened from the chat header: for a group, its members (roles,
// who is online), settings, invite links and the way out; for a direct chat, the other
// person's profile. Loaded lazily (see lazy.tsx). Every control shown is one the caller's
// role allows (`abilities` of worker/protocol/rules.ts, the rules the API applies).
import { useEffect, useRef } from "preact/hooks";
import type { User } from "#protocol";
import { t } from "../../i18n/panel.ts";
import type { OpenChatModel } from "../../state/openChat/openChat.ts";
import { abilities } from "#protocol";
import { ChatAvatar, UserAvatar } from "../Avatar.tsx";
import { ChatActions } from "./ChatActions.tsx";
import { ChatSettings } from "./ChatSettings.tsx";
import { LinksSection } from "./LinksSection.tsx";
import { MemberList } from "./MemberList.tsx";
import "../../styles/lazy/info.css";

export interface Props {
  model: OpenChatModel;
  me: User;
  onClose: () => void;
  onInvite: () => void;
}

/** Mute: no notification from this chat unless it mentions the user. */
function MuteSwitch({ model, muted }: { model: OpenChatModel; muted: boolean }) {
  return (
    <section class="info-section info-mute">
      <label class="switch-row">
        <input type="checkbox" role="switch" name="muted" checked={muted} onChange={(e) => void model.setMuted(e.currentTarget.checked).catch(() => undefined)} />
        <span>{t("info.mute")}</span>
      </label>
      <p class="muted hint">{t("info.muteHint")}</p>
    </section>
  );
}

function PeerProfile({ peer, online }: { peer: User; online: boolean }) {
  return (
    <div class="info-card">
      <UserAvatar user={peer} size="lg" />
      <h3 class="info-name">{peer.displayName}</h3>
      <p class="muted">
        @{peer.username}
        {online && <span class="online-text"> · {t("info.online")}</span>}
      </p>
      {peer.bio && (
        <div class="info-bio">
          <h4>{t("info.bio")}</h4>
          <p>{peer.bio}</p>
        </div>
      )}
    </div>
  );
}

export function ChatInfo({ model, me, onClose, onInvite }: Props) {
  const chat = model.chat.value;
  const close = useRef<HTMLButtonElement>(null);
  // Roles may have changed since the chat opened (a role change sends no chat frame).
  useEffect(() => void model.refresh(), [model]);
  // Into the panel: on a phone it covers the button that opened it.
  useEffect(() => close.current?.focus(), []);
  if (!chat) return null;
  const can = abilities(chat);
  const online = model.online.value;

  return (
    <aside id="chat-info" class="info" aria-label={t("info.title")}>
      <header class="info-head">
        <h2>{t("info.title")}</h2>
        <button ref={close} type="button" class="icon-btn" aria-label={t("dialog.close")} title={t("dialog.close")} onClick={onClose}>
          ×
        </button>
      </header>
      <div class="info-scroll">
        {chat.kind === "direct" && chat.peer ? (
          <>
            <PeerProfile peer={chat.peer} online={online.includes(chat.peer.id)} />
            <MuteSwitch model={model} muted={chat.muted} />
          </>
        ) : (
          <>
            <div class="info-card">
              <ChatAvatar chat={chat} size="lg" />
              <h3 class="info-name">{chat.name}</h3>
              <p class="muted">
                {t(chat.visibility === "public" ? "info.public" : "info.private")} · {t("chat.members", { n: chat.memberCount })}
              </p>
            </div>
            {chat.role !== null && <MuteSwitch model={model} muted={chat.muted} />}
            {can.edit && <ChatSettings model={model} chat={chat} />}
            <MemberList model={model} me={me} can={can} onInvite={onInvite} />
            {can.manageLinks && <LinksSection chatId={chat.id} />}
            <ChatActions model={model} me={me} chat={chat} can={can} />
          </>
        )}
      </div>
    </aside>
  );
}
