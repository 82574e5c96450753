// The left column's list: search box, invitations, chats; while searching, the results.
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { AccountModel } from "../state/account.ts";
import { route } from "../state/router.ts";
import { ChatListItem } from "./ChatListItem.tsx";
import { InviteList } from "./InviteList.tsx";
import { ListSkeleton } from "./Skeleton.tsx";
import { LazySearchResults, prefetchResults } from "./lazySearch.tsx";

export function ChatList({ me, account }: { me: User; account: AccountModel }) {
  const { chats, invites, search } = account;
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
          value={search.text.value}
          onInput={(e) => search.type(e.currentTarget.value)}
          onFocus={prefetchResults}
        />
      </div>
      <nav class="chat-list-scroll" aria-label={t("chats.title")}>
        {filtering ? (
          <LazySearchResults me={me} activeId={activeId} chats={chats} search={search} />
        ) : (
          <>
            <InviteList invites={invites} />
            {list.length > 0 ? (
              <ul class="chat-list">
                {list.map((c) => (
                  <ChatListItem key={c.id} chat={c} active={c.id === activeId} myId={me.id} onMute={account.chats.setMuted} />
                ))}
              </ul>
            ) : !chats.loaded.value ? (
              <ListSkeleton />
            ) : (
              !invites.pending.value.length && <p class="list-empty">{t("chats.empty")}</p>
            )}
          </>
        )}
      </nav>
    </>
  );
}
