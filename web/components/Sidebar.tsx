// The left column: who is signed in, settings, the new-chat action and the list.
import { useState } from "preact/hooks";
import type { User } from "../../worker/protocol/index.ts";
import { t } from "../i18n/index.ts";
import { signOut } from "../state/session.ts";
import { Avatar } from "./Avatar.tsx";
import { ChatList } from "./ChatList.tsx";
import { LangSwitch } from "./LangSwitch.tsx";
import { NewChatDialog } from "./NewChatDialog.tsx";

export function Sidebar({ me }: { me: User }) {
  const [creating, setCreating] = useState(false);
  return (
    <aside class="sidebar">
      <header class="sidebar-head">
        <Avatar name={me.displayName} seed={me.id} size="sm" />
        <span class="me" title={`@${me.username}`}>
          {me.displayName}
        </span>
        <LangSwitch />
        <button class="btn small" type="button" onClick={() => void signOut()}>
          {t("auth.signOut")}
        </button>
      </header>
      <ChatList me={me} />
      <button class="fab" type="button" aria-label={t("chats.new")} title={t("chats.new")} onClick={() => setCreating(true)}>
        <span aria-hidden="true">+</span>
        <span class="fab-label">{t("chats.new")}</span>
      </button>
      {creating && <NewChatDialog onClose={() => setCreating(false)} />}
    </aside>
  );
}
