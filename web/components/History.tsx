// The scrolling history. Scroll-back loads earlier pages; the position is kept when a page
// is prepended (the browser's own scroll anchoring is off, see chat.css, so the adjustment
// happens exactly once, here), and the view follows new messages only when the reader is
// already at the bottom or the message is their own.
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { buildBlocks } from "./history.ts";
import { HistoryBlock } from "./HistoryBlock.tsx";

const loadMoreWithinPx = 300;
const atBottomWithinPx = 80;

interface Snapshot {
  first: number;
  lastKey: string;
  height: number;
  top: number;
  atBottom: boolean;
}

export function History({ model, me }: { model: OpenChatModel; me: User }) {
  const ref = useRef<HTMLDivElement>(null);
  const snap = useRef<Snapshot | null>(null);
  const [away, setAway] = useState(false);

  const messages = model.messages.value;
  const pending = model.pending.value;
  const blocks = buildBlocks(messages, pending, me, model.roster.othersRead.value);
  const first = messages[0]?.seq ?? 0;
  const lastPending = pending.at(-1);
  const lastKey = lastPending ? `c-${lastPending.clientId}` : `m-${messages.at(-1)?.seq ?? 0}`;

  function remember(el: HTMLDivElement) {
    setAway(el.scrollHeight - el.scrollTop - el.clientHeight > el.clientHeight / 2);
    snap.current = {
      first,
      lastKey,
      height: el.scrollHeight,
      top: el.scrollTop,
      atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < atBottomWithinPx,
    };
  }

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const before = snap.current;
    if (!before) {
      el.scrollTop = el.scrollHeight;
    } else if (first && first < before.first) {
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (lastKey !== before.lastKey && (before.atBottom || lastKey.startsWith("c-"))) {
      el.scrollTop = el.scrollHeight;
    }
    remember(el);
    // A short first page may not fill the screen, and then no scroll would ever load more.
    if (el.scrollHeight <= el.clientHeight && model.hasMore.value) void model.loadOlder();
  });

  function onScroll() {
    const el = ref.current;
    if (!el) return;
    remember(el);
    if (el.scrollTop < loadMoreWithinPx && model.hasMore.value) void model.loadOlder();
    if (snap.current?.atBottom) model.markRead();
  }

  return (
    <div class="history-wrap">
      <div class="history" ref={ref} onScroll={onScroll} role="log" aria-live="polite" aria-relevant="additions">
        <div class="history-inner">
          <p class="history-edge muted">
            {model.hasMore.value ? (model.loadingOlder.value ? t("chat.loadingOlder") : "") : messages.length ? t("chat.start") : ""}
          </p>
          {!messages.length && !pending.length && <p class="history-empty muted">{t("chat.empty")}</p>}
          {blocks.map((b) => (
            <HistoryBlock key={b.key} block={b} onRetry={model.retry} />
          ))}
        </div>
      </div>
      {away && (
        <button
          class="jump"
          type="button"
          aria-label={t("chat.toLatest")}
          title={t("chat.toLatest")}
          onClick={() => ref.current?.scrollTo({ top: ref.current.scrollHeight, behavior: "smooth" })}
        >
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <path fill="currentColor" d="M12 16.6 5.4 10l1.4-1.4 5.2 5.2 5.2-5.2 1.4 1.4z" />
          </svg>
        </button>
      )}
    </div>
  );
}
