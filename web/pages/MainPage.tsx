// The signed-in screen: chat list on the left, the open chat on the right. On a phone only
// one of them shows (see layout.css): the list at /, the chat at /chats/:id.
import { useEffect } from "preact/hooks";
import type { User } from "../../worker/protocol/index.ts";
import { ChatView } from "../components/ChatView.tsx";
import { Sidebar } from "../components/Sidebar.tsx";
import { t } from "../i18n/index.ts";
import { connectInbox } from "../realtime/inbox.ts";
import * as chats from "../state/chats.ts";
import * as invites from "../state/invites.ts";

export function MainPage({ me, chatId }: { me: User; chatId: string | null }) {
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
    <div class={chatId ? "main chat-open" : "main"}>
      <Sidebar me={me} />
      <div class="pane">
        {chatId ? (
          <ChatView key={chatId} chatId={chatId} me={me} />
        ) : (
          <div class="pane-notice muted">
            <p>{t("chats.pick")}</p>
          </div>
        )}
      </div>
    </div>
  );
}
