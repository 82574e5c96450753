// The left column: who is signed in, settings, the new-chat action and the list.
import { useState } from "preact/hooks";
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { AccountModel } from "../state/account.ts";
import { UserAvatar } from "./Avatar.tsx";
import { ChatList } from "./ChatList.tsx";
import { LangSwitch } from "./LangSwitch.tsx";
import { NewChatDialog } from "./NewChatDialog.tsx";

interface Props {
  me: User;
  account: AccountModel;
  onSignOut: () => Promise<void>;
  /** The list is what the screen is about (nothing is open): its heading is the page's h1. */
  ownsHeading: boolean;
}

export function Sidebar({ me, account, onSignOut, ownsHeading }: Props) {
  const [creating, setCreating] = useState(false);
  const Heading = ownsHeading ? "h1" : "h2";
  return (
    <aside class="sidebar">
      <header class="sidebar-head">
        <UserAvatar user={me} size="sm" />
        <span class="me" title={`@${me.username}`}>
          {me.displayName}
        </span>
        <LangSwitch />
        <button class="icon-btn" type="button" aria-label={t("auth.signOut")} title={t("auth.signOut")} onClick={() => void onSignOut()}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path fill="currentColor" d="M10 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h5v-2H5V5h5zm6.6 4.4-1.4 1.4 2.2 2.2H9v2h8.4l-2.2 2.2 1.4 1.4L21.2 12z" />
          </svg>
        </button>
      </header>
      {/* Read by screen readers only: the list's own look says what it is. */}
      <Heading class="visually-hidden">{t("chats.title")}</Heading>
      <ChatList me={me} account={account} />
      <button class="fab" type="button" aria-label={t("chats.new")} title={t("chats.new")} onClick={() => setCreating(true)}>
        <span aria-hidden="true">+</span>
        <span class="fab-label">{t("chats.new")}</span>
      </button>
      {creating && <NewChatDialog chats={account.chats} onClose={() => setCreating(false)} />}
    </aside>
  );
}
