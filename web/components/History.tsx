// The scrolling history. Scroll-back loads earlier pages; the position is kept when a page
// is prepended (the browser's own scroll anchoring is off, see chat.css, so the adjustment
// happens exactly once, here), and the view follows new messages only when the reader is
// already at the bottom or the message is their own. A window opened around an older message
// (a jump) loads newer pages as the reader scrolls down, and the arrow button goes back to the
// newest.
//
// It also holds what the messages share (messageUi.ts): which one is in the tab order (the
// arrow keys move between them), and the one menu or dialog open at a time.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { buildBlocks } from "./history.ts";
import { HistoryBlock } from "./HistoryBlock.tsx";
import { LazyEmojiPicker } from "./LazyEmojiPicker.tsx";
import { LazyDeleteMessage, LazyMessageInfo, LazyMessageMenu, prefetchMessageMenu } from "./lazyDialogs.tsx";
import type { MenuChoice } from "./MessageMenu.tsx";
import { MessageUiContext, type MenuAnchor, type MessageUi } from "./messageUi.ts";
import { EdgeSkeleton } from "./Skeleton.tsx";

const loadMoreWithinPx = 300;
const atBottomWithinPx = 80;
/** More new messages at the end than this at once is a page, not live chat: do not follow. */
const followAtMost = 3;
const flashMs = 2000;
/** How much of what was read shows above the "new messages" divider when a chat opens. */
const dividerMarginPx = 48;

interface Snapshot {
  first: number;
  count: number;
  lastKey: string;
  height: number;
  top: number;
  atBottom: boolean;
}

export function History({ model, me }: { model: OpenChatModel; me: User }) {
  const ref = useRef<HTMLDivElement>(null);
  const snap = useRef<Snapshot | null>(null);
  const toBottom = useRef(false);
  /** Where the history was scrolled when the menu opened. */
  const menuTop = useRef(0);
  const [away, setAway] = useState(false);
  const [focusSeq, setFocusSeq] = useState<number | null>(null);
  const [menu, setMenu] = useState<{ seq: number; at: MenuAnchor } | null>(null);
  const [dialog, setDialog] = useState<{ kind: MenuChoice; seq: number } | null>(null);

  const messages = model.messages.value;
  const detached = model.hasNewer.value;
  // A window that stops short of the newest shows no outbox: those messages go at the end.
  const pending = detached ? [] : model.pending.value;
  const blocks = buildBlocks(messages, pending, me, model.roster.othersRead.value, model.unreadAfter.value);
  const first = messages[0]?.seq ?? 0;
  const lastPending = pending.at(-1);
  const lastKey = lastPending ? `c-${lastPending.clientId}` : `m-${messages.at(-1)?.seq ?? 0}`;
  const loaded = focusSeq !== null && messages.some((m) => m.seq === focusSeq);
  const tabSeq = loaded ? focusSeq : (messages.findLast((m) => m.kind === "text")?.seq ?? null);

  function remember(el: HTMLDivElement) {
    setAway(el.scrollHeight - el.scrollTop - el.clientHeight > el.clientHeight / 2);
    snap.current = {
      first,
      count: messages.length + pending.length,
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
    const grew = messages.length + pending.length - (before?.count ?? 0);
    // Opened at a message (a search result, a reply's original): start there. Starting at the
    // bottom first would read as scrolling down and load newer pages nobody asked for.
    const target = !before && model.highlight.peek() && el.querySelector<HTMLElement>(`.bubble[data-seq="${model.highlight.peek()?.seq}"]`);
    // Opened with unread messages: start where the reader left off, the divider at the top.
    const divider = !before && !target && el.querySelector<HTMLElement>("[data-unread-divider]");
    if (target) {
      target.scrollIntoView({ block: "center" });
    } else if (divider) {
      el.scrollTop += divider.getBoundingClientRect().top - el.getBoundingClientRect().top - dividerMarginPx;
    } else if (!before || (toBottom.current && !detached)) {
      el.scrollTop = el.scrollHeight;
      toBottom.current = false;
    } else if (first && first < before.first && grew > 0) {
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (lastKey !== before.lastKey && ((before.atBottom && !detached && grew <= followAtMost) || lastKey.startsWith("c-"))) {
      el.scrollTop = el.scrollHeight;
    }
    remember(el);
    // A short first page may not fill the screen, and then no scroll would ever load more.
    if (el.scrollHeight <= el.clientHeight && model.hasMore.value) void model.loadOlder();
  });

  // A jump: bring the message into view, give it the focus and flash it.
  const highlight = model.highlight.value;
  useEffect(() => {
    const el = highlight && ref.current?.querySelector<HTMLElement>(`.bubble[data-seq="${highlight.seq}"]`);
    if (!highlight || !el) return;
    setFocusSeq(highlight.seq);
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    const timer = setTimeout(() => el.classList.remove("flash"), flashMs);
    return () => clearTimeout(timer);
  }, [highlight?.n]);

  function onScroll() {
    const el = ref.current;
    if (!el) return;
    // Scrolling away closes the menu; the nudge of focusing a message at the edge does not.
    if (menu && Math.abs(el.scrollTop - menuTop.current) > 40) setMenu(null);
    remember(el);
    if (el.scrollTop < loadMoreWithinPx && model.hasMore.value) void model.loadOlder();
    if (el.scrollHeight - el.scrollTop - el.clientHeight < loadMoreWithinPx && model.hasNewer.value) void model.loadNewer();
    if (snap.current?.atBottom) model.markRead();
  }

  /** The arrow keys move the focus from message to message. */
  function onKeyDown(e: KeyboardEvent) {
    const current = (e.target as HTMLElement).closest?.(".bubble[data-seq]");
    if (!current || current !== e.target || !["ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) return;
    const all = [...(ref.current?.querySelectorAll<HTMLElement>(".bubble[data-seq]") ?? [])];
    const i = all.indexOf(current as HTMLElement);
    const next = e.key === "Home" ? all[0] : e.key === "End" ? all.at(-1) : all[e.key === "ArrowUp" ? i - 1 : i + 1];
    if (!next) return;
    e.preventDefault();
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }

  function focusMessage(seq: number) {
    ref.current?.querySelector<HTMLElement>(`.bubble[data-seq="${seq}"]`)?.focus({ preventScroll: true });
  }

  const ui = useMemo<MessageUi>(
    () => ({
      model,
      me,
      focusSeq: tabSeq,
      setFocusSeq,
      openMenu: (seq, at) => {
        const m = model.messages.peek().find((x) => x.seq === seq);
        if (!m || m.deleted || m.kind !== "text") return;
        menuTop.current = ref.current?.scrollTop ?? 0;
        setMenu({ seq, at });
      },
    }),
    [model, me, tabSeq],
  );
  const menuMessage = menu && messages.find((m) => m.seq === menu.seq);
  const dialogMessage = dialog && messages.find((m) => m.seq === dialog.seq);
  const closeDialog = () => {
    const seq = dialog?.seq;
    setDialog(null);
    if (seq !== undefined) setTimeout(() => focusMessage(seq));
  };

  return (
    <MessageUiContext.Provider value={ui}>
      <div class="history-wrap">
        <div
          class="history"
          ref={ref}
          onScroll={onScroll}
          onKeyDown={onKeyDown}
          // Coming back with the keyboard lands on the newest message, not where focus last was.
          onFocusOut={(e) => !ref.current?.contains(e.relatedTarget as Node | null) && setFocusSeq(null)}
          // The message menu's chunk, on the first sign that someone may open it.
          onPointerOver={prefetchMessageMenu}
          onFocusIn={prefetchMessageMenu}
          role="log"
          aria-live="polite"
          aria-relevant="additions"
        >
          <div class="history-inner">
            <div class="history-edge muted">
              {model.hasMore.value ? (
                model.loadingOlder.value && <EdgeSkeleton label={t("chat.loadingOlder")} />
              ) : (
                messages.length > 0 && t("chat.start")
              )}
            </div>
            {/* No "say hello" where no one can write (a closed direct chat). */}
            {!messages.length && !pending.length && <p class="history-empty muted">{t(model.closed.value ? "chat.emptyClosed" : "chat.empty")}</p>}
            {blocks.map((b) => (
              <HistoryBlock key={b.key} block={b} onRetry={model.retry} />
            ))}
            {detached && <div class="history-edge muted">{model.loadingNewer.value && <EdgeSkeleton label={t("app.loading")} />}</div>}
          </div>
        </div>
        {(away || detached) && (
          <button
            class="jump"
            type="button"
            aria-label={t("chat.toLatest")}
            title={t("chat.toLatest")}
            onClick={() => {
              if (model.hasNewer.value) {
                toBottom.current = true;
                void model.toLatest();
              } else ref.current?.scrollTo({ top: ref.current.scrollHeight, behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
            }}
          >
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <path fill="currentColor" d="M12 16.6 5.4 10l1.4-1.4 5.2 5.2 5.2-5.2 1.4 1.4z" />
            </svg>
          </button>
        )}
      </div>
      {menu && menuMessage && (
        <LazyMessageMenu
          message={menuMessage}
          model={model}
          meId={me.id}
          anchor={menu.at}
          onClose={(restore) => {
            setMenu(null);
            if (restore) focusMessage(menu.seq);
          }}
          onChoose={(kind) => setDialog({ kind, seq: menu.seq })}
        />
      )}
      {dialog?.kind === "picker" && (
        <LazyEmojiPicker
          onClose={closeDialog}
          onPick={(emoji) => {
            model.actions.react(dialog.seq, emoji, true);
            closeDialog();
          }}
        />
      )}
      {dialog?.kind === "delete" && dialogMessage && <LazyDeleteMessage message={dialogMessage} model={model} onClose={closeDialog} />}
      {dialog?.kind === "info" && dialogMessage && <LazyMessageInfo message={dialogMessage} model={model} onClose={closeDialog} />}
    </MessageUiContext.Provider>
  );
}
