// The left column's list: search box, invitations, chats; while searching, the results.
import { useEffect, useState } from "preact/hooks";
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";
import * as chats from "../state/chats.ts";
import * as invites from "../state/invites.ts";
import { route } from "../state/router.ts";
import * as search from "../state/search.ts";
import { ChatListItem } from "./ChatListItem.tsx";
import { InviteList } from "./InviteList.tsx";
import { SearchResults } from "./SearchResults.tsx";

const searchDelayMs = 200;

export function ChatList({ me }: { me: User }) {
  const [q, setQ] = useState(chats.query.value);
  useEffect(() => {
    // Wait for a pause in typing: one request per word, not per keystroke.
    const timer = setTimeout(
      () => {
        void chats.search(q);
        void search.run(q, me.id);
      },
      q.trim() ? searchDelayMs : 0,
    );
    return () => clearTimeout(timer);
  }, [q, me.id]);
  useEffect(() => () => search.reset(), []);

  const r = route.value;
  const activeId = r.name === "chat" ? r.chatId : null;
  const list = chats.visible.value;
  const filtering = !!chats.query.value.trim();

  return (
    <>
      <div class="search">
        <input
          type="search"
          placeholder={t("chats.search")}
          aria-label={t("chats.search")}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </div>
      <nav class="chat-list-scroll" aria-label={t("chats.title")}>
        {filtering ? (
          <SearchResults me={me} activeId={activeId} />
        ) : (
          <>
            <InviteList />
            {list.length > 0 ? (
              <ul class="chat-list">
                {list.map((c) => (
                  <ChatListItem key={c.id} chat={c} active={c.id === activeId} myId={me.id} />
                ))}
              </ul>
            ) : (
              chats.loaded.value && !invites.pending.value.length && <p class="list-empty">{t("chats.empty")}</p>
            )}
          </>
        )}
      </nav>
    </>
  );
}
