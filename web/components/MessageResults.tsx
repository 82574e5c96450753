// Found messages: each with its chat (in the sidebar), its sender, its time and the excerpt
// with the match marked. More load as the list is scrolled to its end. Choosing one opens its
// chat at that message.
import { useEffect, useRef } from "preact/hooks";
import type { SearchResult } from "../api/endpoints.ts";
import { formatListTime, formatStamp } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { MessageSearchModel } from "../state/messageSearch.ts";
import { UserAvatar } from "./Avatar.tsx";
import { Highlighted } from "./Highlighted.tsx";
import { ListSkeleton } from "./Skeleton.tsx";
import "../styles/lazy/results.css";

export interface Props {
  search: MessageSearchModel;
  /** Show which chat each result is in (the sidebar searches every chat). */
  withChat: boolean;
  onOpen: (r: SearchResult) => void;
}

/** Calls `fn` whenever the element scrolls into view (the end of a list). */
function useWhenVisible(fn: () => void) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && fn());
    seen.observe(el);
    return () => seen.disconnect();
  });
  return ref;
}

export function MessageResults({ search, withChat, onOpen }: Props) {
  const results = search.results.value;
  const q = search.query.value;
  const end = useWhenVisible(() => search.more());
  if (!q) return null;
  const error = search.error.value;
  return (
    <section class="results" aria-label={t("search.messages")}>
      <h2 class="results-title">{t("search.messages")}</h2>
      <ul class="chat-list message-results">
        {results.map((r) => (
          <li key={`${r.chat.id}-${r.message.seq}`} class="result">
            <button type="button" class="result-item found" onClick={() => onOpen(r)}>
              {r.message.sender && <UserAvatar user={r.message.sender} />}
              <span class="result-text">
                <span class="result-head">
                  <span class="result-name">{withChat ? r.chat.name : (r.message.sender?.displayName ?? "")}</span>
                  <time class="result-time" dateTime={r.message.createdAt} title={formatStamp(r.message.createdAt)}>
                    {formatListTime(r.message.createdAt)}
                  </time>
                </span>
                <span class="result-sub">
                  {withChat && r.message.sender && <span class="result-sender">{r.message.sender.displayName}: </span>}
                  <Highlighted text={r.message.body} query={q} />
                </span>
              </span>
            </button>
          </li>
        ))}
        {search.hasMore.value && <li ref={end} class="results-more" aria-hidden="true" />}
      </ul>
      {search.loading.value && !error && <ListSkeleton rows={results.length ? 1 : 3} label={t("search.searching")} />}
      {error === "rate_limited" && <p class="list-note muted">{t("search.tooFast")}</p>}
      {error && error !== "rate_limited" && <p class="list-note form-error">{error === "network" ? t("error.network") : t("error.unknown", { code: error })}</p>}
      {!search.loading.value && !error && !results.length && <p class="list-note muted">{t("search.noMessages", { q })}</p>}
    </section>
  );
}
