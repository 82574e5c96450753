// The signed-in screen: chat list on the left, the open chat on the right. On a phone only
// one of them shows (see layout.css): the list at /, the chat at /chats/:id (and an invite
// link's preview at /join/:token, the settings at /settings). What the right side shows is the
// account's `pane`.
//
// Landmarks and the one h1: the right side is the page's `main`; the list is a `nav` inside the
// sidebar. The h1 belongs to what the screen is about: the open chat's title (or the join
// preview's, the settings' or a notice's) when something is open, and the sidebar's "Chats" at
// / (the list is all a phone shows there).
import type { User } from "#protocol";
import { ChatView } from "../components/ChatView.tsx";
import { LazyProfileCard } from "../components/lazyDialogs.tsx";
import { ProfileCardOpener } from "../components/profileCard.ts";
import { Sidebar } from "../components/Sidebar.tsx";
import { LazySettingsScreen } from "../components/settings/lazy.tsx";
import { t } from "../i18n/index.ts";
import type { AccountModel } from "../state/account.ts";
import type { Route } from "../state/routes.ts";
import { LazyJoinPage } from "./lazyJoinPage.tsx";

interface Props {
  me: User;
  account: AccountModel;
  route: Route;
  onSignOut: () => Promise<void>;
}

export function MainPage({ me, account, route, onSignOut }: Props) {
  const pane = account.pane.value;
  const card = account.people.card.value;
  return (
    <ProfileCardOpener.Provider value={account.people.show}>
      <div class={route.name === "home" ? "main" : "main chat-open"}>
        <Sidebar me={me} account={account} onSignOut={onSignOut} ownsHeading={pane.kind === "none"} />
        <main class="pane">
          {pane.kind === "chat" ? (
            <ChatView key={pane.chatId} model={pane.chat} me={me} />
          ) : pane.kind === "join" ? (
            <LazyJoinPage key={pane.token} link={pane.link} />
          ) : pane.kind === "settings" ? (
            <LazySettingsScreen account={account} settings={pane.settings} />
          ) : (
            <div class="pane-notice muted">
              <p>{t("chats.pick")}</p>
            </div>
          )}
        </main>
        {card && <LazyProfileCard key={card.id} user={card} me={me} people={account.people} />}
      </div>
    </ProfileCardOpener.Provider>
  );
}
