// The left column: who is signed in (their name opens the settings), sign-out, the new-chat
// action and the list.
import { useState } from "preact/hooks";
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { AccountModel } from "../state/account.ts";
import { navigate } from "../state/router.ts";
import { settingsPath } from "../state/routes.ts";
import { UserAvatar } from "./Avatar.tsx";
import { ChatList } from "./ChatList.tsx";
import { LazyNewChatDialog } from "./lazyDialogs.tsx";
import { prefetchSettings } from "./settings/lazy.tsx";

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
        {/* Named "Settings: <name>" by its content: screen reader users hear where it leads
            first, and speech control users can say the name they see. */}
        <button type="button" class="me-button" title={`${t("settings.title")} (@${me.username})`} onClick={() => navigate(settingsPath)} onPointerEnter={prefetchSettings} onFocus={prefetchSettings}>
          <UserAvatar user={me} size="sm" />
          <span class="visually-hidden">{t("settings.title")}: </span>
          <span class="me">{me.displayName}</span>
          <svg class="me-gear" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              fill="currentColor"
              d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.7a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.4 7.4 0 0 0 1.7 1L11 21h4l.4-2.7a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
            />
          </svg>
        </button>
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
      {creating && <LazyNewChatDialog chats={account.chats} onClose={() => setCreating(false)} />}
    </aside>
  );
}
