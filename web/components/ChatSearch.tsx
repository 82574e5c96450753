// Searching the open chat's messages, from its header: a box and the matches below it;
// choosing one shows it in the history (loading it if it is far back). Esc or the close
// button ends the search.
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { LazyMessageResults, prefetchResults } from "./lazySearch.tsx";

export function ChatSearch({ model, onClose }: { model: OpenChatModel; onClose: () => void }) {
  const { search } = model;
  const [text, setText] = useState(search.query.peek());
  const [listOpen, setListOpen] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    return () => search.clear();
  }, []);
  return (
    <div class="chat-search">
      <div class="chat-search-bar">
        <input
          ref={input}
          type="search"
          placeholder={t("search.inChat")}
          aria-label={t("search.inChatLabel")}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setListOpen(true);
            search.type(e.currentTarget.value);
          }}
          onFocus={() => {
            setListOpen(true);
            prefetchResults();
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              onClose();
            }
          }}
        />
        <button type="button" class="icon-btn" aria-label={t("search.close")} title={t("search.close")} onClick={onClose}>
          ×
        </button>
      </div>
      {listOpen && search.query.value && (
        <div class="chat-search-results">
          <LazyMessageResults
            search={search}
            withChat={false}
            onOpen={(r) => {
              setListOpen(false);
              void model.jumpTo(r.message.seq);
            }}
          />
        </div>
      )}
    </div>
  );
}
