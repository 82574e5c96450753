// The right column for one chat. The model belongs to the account (state/account.ts), which
// makes and disposes it as the address changes; this view only shows it.
import { useEffect, useState } from "preact/hooks";
import { limits, type User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { ChatHeader } from "./ChatHeader.tsx";
import { ChatSearch } from "./ChatSearch.tsx";
import { ClosedBar } from "./ClosedBar.tsx";
import { Composer } from "./Composer.tsx";
import { History } from "./History.tsx";
import { LazyChatInfo } from "./info/lazy.tsx";
import { JoinBar } from "./JoinBar.tsx";
import { LazyInviteDialog } from "./lazyDialogs.tsx";
import { ChatSkeleton, HistorySkeleton } from "./Skeleton.tsx";
import { Link } from "./Link.tsx";
import { MediaViewer } from "./media/MediaViewer.tsx";
import { UploadStrip } from "./media/UploadStrip.tsx";
import { useFileDrop } from "./media/useFileDrop.tsx";

function Notice({ title, text }: { title: string; text?: string }) {
  return (
    <div class="pane-notice">
      <h1>{title}</h1>
      {text && <p class="muted">{text}</p>}
      <Link href="/" class="btn">
        {t("notFound.home")}
      </Link>
    </div>
  );
}

export function ChatView({ model, me }: { model: OpenChatModel; me: User }) {
  const [inviting, setInviting] = useState(false);
  const [infoOpen, setInfoOpen] = useState(false);
  const [searching, setSearching] = useState(false);
  const chat = model.chat.value;
  const drop = useFileDrop(model.member.value && !model.closed.value ? model.uploads.add : null);
  const notice = model.actions.notice.value;
  const closed = model.closed.value;

  useEffect(() => {
    if (!infoOpen) return;
    const onKey = (e: KeyboardEvent) => {
      // A confirmation dialog on top takes its own Escape.
      if (e.key === "Escape" && !document.querySelector("dialog[open]")) setInfoOpen(false);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [infoOpen]);

  switch (model.phase.value) {
    case "not_found":
      return <Notice title={t("chat.notFound")} text={t("chat.notFoundText")} />;
    case "removed":
      return <Notice title={t("chat.removed")} />;
    case "deleted":
      return <Notice title={t("chat.deleted")} />;
    case "session_ended":
      return null;
    case "replaced":
      return (
        <div class="pane-notice">
          <h1>{t("chat.replaced")}</h1>
          <p class="muted">{t("chat.replacedText")}</p>
          <button class="btn" type="button" onClick={model.retryOpen}>
            {t("chat.useHere")}
          </button>
        </div>
      );
    case "error":
      return (
        <div class="pane-notice">
          <h1>{t("error.network")}</h1>
          <button class="btn" type="button" onClick={model.retryOpen}>
            {t("message.retry")}
          </button>
        </div>
      );
    case "loading":
    case "ready":
      break;
  }
  if (!chat) return <ChatSkeleton />;

  return (
    <div class={infoOpen ? "chat-wrap info-open" : "chat-wrap"}>
      <section class="chat" aria-label={chat.name} {...drop.handlers}>
        <ChatHeader
          chat={chat}
          model={model}
          onInvite={() => setInviting(true)}
          infoOpen={infoOpen}
          onInfo={() => setInfoOpen(!infoOpen)}
          searching={searching}
          onSearch={() => setSearching(!searching)}
        />
        {searching && <ChatSearch model={model} onClose={() => setSearching(false)} />}
        <MediaViewer messages={model.messages}>
          {model.phase.value === "ready" ? (
            <History model={model} me={me} />
          ) : (
            <div class="history">
              <div class="history-inner">
                <HistorySkeleton />
              </div>
            </div>
          )}
        </MediaViewer>
        {notice && (
          <p class="action-notice" role="alert">
            <span>
              {notice === "rate_limited"
                ? t("actions.tooFast")
                : notice === "too_many_reactions"
                  ? t("actions.tooManyReactions", { n: limits.reactionsPerMessage })
                  : t("actions.failed", { reason: notice === "network" ? t("error.network") : notice === "forbidden" ? t("error.forbidden") : t("error.unknown", { code: notice }) })}
            </span>
            <button type="button" class="icon-btn" aria-label={t("dialog.close")} onClick={model.actions.dismiss}>
              ×
            </button>
          </p>
        )}
        {closed ? (
          <ClosedBar model={model} reason={closed} />
        ) : (
          <>
            {model.member.value && <UploadStrip uploads={model.uploads} />}
            {model.member.value ? <Composer model={model} /> : <JoinBar model={model} />}
          </>
        )}
        {drop.overlay}
      </section>
      {infoOpen && <LazyChatInfo model={model} me={me} onClose={() => setInfoOpen(false)} onInvite={() => setInviting(true)} />}
      {inviting && <LazyInviteDialog model={model} onClose={() => setInviting(false)} />}
    </div>
  );
}
