// What the search box finds, in four sections: the user's own chats, public chats (open to
// read, or join in one click), people (a click opens the direct chat with them) and messages
// (a click opens the chat at that message).
import { useState } from "preact/hooks";
import type { Chat, User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { ChatListModel } from "../state/chatList.ts";
import { chatPath } from "../state/routes.ts";
import type { SearchModel } from "../state/search.ts";
import { Avatar, UserAvatar } from "./Avatar.tsx";
import { ChatListItem } from "./ChatListItem.tsx";
import { describeError } from "./errors.ts";
import { Link } from "./Link.tsx";
import { MessageResults } from "./MessageResults.tsx";
import "../styles/lazy/results.css";

/** Runs an action from a result row, keeping its error beside the row. */
function useAction(): [boolean, string | null, (fn: () => Promise<void>) => void] {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    fn().then(
      () => setBusy(false),
      (e: unknown) => {
        setError(describeError(e));
        setBusy(false);
      },
    );
  };
  return [busy, error, run];
}

function PublicChatItem({ chat, search }: { chat: Chat; search: SearchModel }) {
  const [busy, error, run] = useAction();
  return (
    <li class="result">
      <Link href={chatPath(chat.id)} class="result-item">
        <Avatar name={chat.name} seed={chat.id} />
        <span class="result-text">
          <span class="result-name">{chat.name}</span>
          <span class="result-sub">{t("chat.members", { n: chat.memberCount })}</span>
        </span>
      </Link>
      <button type="button" class="btn small primary" disabled={busy} onClick={() => run(() => search.join(chat))}>
        {t("search.join")}
      </button>
      {error && <p class="form-error result-error">{error}</p>}
    </li>
  );
}

function PersonItem({ user, search }: { user: User; search: SearchModel }) {
  const [busy, error, run] = useAction();
  return (
    <li class="result">
      <button
        type="button"
        class="result-item"
        disabled={busy}
        title={t("search.write", { name: user.displayName })}
        onClick={() => run(() => search.writeTo(user))}
      >
        <UserAvatar user={user} />
        <span class="result-text">
          <span class="result-name">{user.displayName}</span>
          <span class="result-sub">@{user.username}</span>
        </span>
      </button>
      {error && <p class="form-error result-error">{error}</p>}
    </li>
  );
}

export interface Props {
  me: User;
  activeId: string | null;
  chats: ChatListModel;
  search: SearchModel;
}

export function SearchResults({ me, activeId, chats, search }: Props) {
  const mine = chats.visible.value;
  const publics = search.publicChats.value;
  const people = search.people.value;
  const busy = chats.searching.value || search.searching.value || search.messages.loading.value;
  const found = search.messages.results.value.length > 0;
  const messages = <MessageResults search={search.messages} withChat onOpen={(r) => search.openMessage(r.chat.id, r.message.seq)} />;
  if (!mine.length && !publics.length && !people.length && !found) {
    return busy ? messages : <p class="list-empty">{t("search.nothing", { q: chats.query.value.trim() })}</p>;
  }
  return (
    <>
      {mine.length > 0 && (
        <section class="results" aria-label={t("search.yourChats")}>
          <h2 class="results-title">{t("search.yourChats")}</h2>
          <ul class="chat-list">
            {mine.map((c) => (
              <ChatListItem key={c.id} chat={c} active={c.id === activeId} myId={me.id} />
            ))}
          </ul>
        </section>
      )}
      {publics.length > 0 && (
        <section class="results" aria-label={t("search.publicChats")}>
          <h2 class="results-title">{t("search.publicChats")}</h2>
          <ul class="chat-list">
            {publics.map((c) => (
              <PublicChatItem key={c.id} chat={c} search={search} />
            ))}
          </ul>
        </section>
      )}
      {people.length > 0 && (
        <section class="results" aria-label={t("search.people")}>
          <h2 class="results-title">{t("search.people")}</h2>
          <ul class="chat-list">
            {people.map((u) => (
              <PersonItem key={u.id} user={u} search={search} />
            ))}
          </ul>
        </section>
      )}
      {messages}
    </>
  );
}
