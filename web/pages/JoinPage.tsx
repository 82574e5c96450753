// /join/:token, an invite link: a preview of the chat and a Join button (the model is
// state/joinLink.ts). A link that expired, was revoked or is used up gets a plain
// explanation rather than an error. Shown in the right-hand pane, beside the chat list.
import { Avatar } from "../components/Avatar.tsx";
import { describeError } from "../components/errors.ts";
import { Link } from "../components/Link.tsx";
import { LinesSkeleton } from "../components/Skeleton.tsx";
import { t } from "../i18n/index.ts";
import type { JoinLinkModel } from "../state/joinLink.ts";
import { chatPath } from "../state/routes.ts";

export function JoinPage({ link }: { link: JoinLinkModel }) {
  const state = link.state.value;
  const error = link.error.value;
  switch (state.phase) {
    case "loading":
      return (
        <div class="pane-notice">
          <LinesSkeleton lines={3} />
        </div>
      );
    case "gone":
    case "error":
      return (
        <div class="pane-notice">
          <h1>{state.phase === "gone" ? t("join.invalidTitle") : describeError(state.error)}</h1>
          {state.phase === "gone" && <p class="muted">{t("join.invalidText")}</p>}
          <Link href="/" class="btn">
            {t("notFound.home")}
          </Link>
        </div>
      );
    case "ready": {
      const { chat } = state;
      return (
        <div class="pane-notice">
          <div class="join-card">
            <p class="muted">{t("join.invited")}</p>
            <Avatar name={chat.name} seed={chat.id} size="lg" />
            <h1>{chat.name}</h1>
            <p class="muted">{t("chat.members", { n: chat.memberCount })}</p>
            <p class="form-error" role="alert">
              {error === null ? null : describeError(error)}
            </p>
            {link.member.value ? (
              <Link href={chatPath(chat.id)} class="btn primary wide">
                {t("join.open")}
              </Link>
            ) : (
              <button type="button" class="btn primary wide" disabled={link.joining.value} onClick={() => void link.join()}>
                {t("chat.join")}
              </button>
            )}
            {/* On a phone the list is hidden here: this is the way to it. */}
            <Link href="/" class="btn link">
              {t("notFound.home")}
            </Link>
          </div>
        </div>
      );
    }
  }
}
