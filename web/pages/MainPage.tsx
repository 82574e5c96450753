// The signed-in screen: chat list on the left, the open chat on the right. On a phone only
// one of them shows (see layout.css): the list at /, the chat at /chats/:id (and an invite
// link's preview at /join/:token).
import { useEffect } from "preact/hooks";
import type { User } from "#protocol";
import { ChatView } from "../components/ChatView.tsx";
import { Sidebar } from "../components/Sidebar.tsx";
import { t } from "../i18n/index.ts";
import { connectInbox } from "../realtime/inbox.ts";
import type { Route } from "../state/routes.ts";
import { JoinPage } from "./JoinPage.tsx";
import * as chats from "../state/chats.ts";
import * as invites from "../state/invites.ts";

export function MainPage({ me, route }: { me: User; route: Route }) {
  useEffect(() => {
    // The inbox reloads the list on every connect; load once now too, so the list does not
    // wait for a socket that may be slow (or, on an older server, absent).
    void chats.reload();
    void invites.reload();
    const stop = connectInbox();
    return () => {
      stop();
      chats.reset();
      invites.reset();
    };
  }, [me.id]);

  return (
    <div class={route.name === "home" ? "main" : "main chat-open"}>
      <Sidebar me={me} />
      <div class="pane">
        {route.name === "chat" ? (
          <ChatView key={route.chatId} chatId={route.chatId} me={me} />
        ) : route.name === "join" ? (
          <JoinPage token={route.token} />
        ) : (
          <div class="pane-notice muted">
            <p>{t("chats.pick")}</p>
          </div>
        )}
      </div>
    </div>
  );
}
