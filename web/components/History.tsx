// The scrolling history. Scroll-back loads earlier pages; the position is kept when a page
// is prepended (the browser's own scroll anchoring is off, see chat.css, so the adjustment
// happens exactly once, here), and the view follows new messages only when the reader is
// already at the bottom or the message is their own.
import { useLayoutEffect, useRef } from "preact/hooks";
import type { User } from "../../worker/protocol/index.ts";
import { formatDay } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat.ts";
import { Avatar } from "./Avatar.tsx";
import { buildBlocks } from "./history.ts";
import { MessageBubble } from "./MessageBubble.tsx";
import { systemText } from "./systemText.ts";

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

  const messages = model.messages.value;
  const pending = model.pending.value;
  const blocks = buildBlocks(messages, pending, me, model.othersRead.value);
  const first = messages[0]?.seq ?? 0;
  const lastPending = pending.at(-1);
  const lastKey = lastPending ? `c-${lastPending.clientId}` : `m-${messages.at(-1)?.seq ?? 0}`;

  function remember(el: HTMLDivElement) {
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
    <div class="history" ref={ref} onScroll={onScroll} role="log" aria-live="polite" aria-relevant="additions">
      <div class="history-inner">
        <p class="history-edge muted">
          {model.hasMore.value ? (model.loadingOlder.value ? t("chat.loadingOlder") : "") : messages.length ? t("chat.start") : ""}
        </p>
        {!messages.length && !pending.length && <p class="history-empty muted">{t("chat.empty")}</p>}
        {blocks.map((b) => {
          switch (b.type) {
            case "day":
              return (
                <div class="day" key={b.key}>
                  <span>{formatDay(b.at)}</span>
                </div>
              );
            case "system":
              return (
                <p class="system" key={b.key}>
                  <span>{systemText(b.message)}</span>
                </p>
              );
            case "group":
              return (
                <div class={b.mine ? "group mine" : "group"} key={b.key}>
                  {!b.mine && <Avatar name={b.sender?.displayName ?? "?"} seed={b.sender?.id ?? ""} size="sm" />}
                  <div class="group-body">
                    {!b.mine && <div class="sender">{b.sender?.displayName}</div>}
                    {b.bubbles.map((bubble) => (
                      <MessageBubble key={bubble.key} bubble={bubble} onRetry={model.retry} />
                    ))}
                  </div>
                </div>
              );
          }
        })}
      </div>
    </div>
  );
}
