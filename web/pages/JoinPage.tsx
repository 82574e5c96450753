// /join/:token, an invite link: a preview of the chat (GET /api/links/:token) and a Join
// button. A link that expired, was revoked or is used up answers 404, and gets a plain
// explanation rather than an error. Shown in the right-hand pane, beside the chat list.
import { useEffect, useState } from "preact/hooks";
import { isApiError } from "../api/errors.ts";
import { links, type LinkPreview } from "../api/endpoints.ts";
import { Avatar } from "../components/Avatar.tsx";
import { describeError } from "../components/errors.ts";
import { Link } from "../components/Link.tsx";
import { t } from "../i18n/index.ts";
import * as chats from "../state/chats.ts";
import { navigate } from "../state/router.ts";
import { chatPath } from "../state/routes.ts";

type State = { phase: "loading" } | { phase: "ready"; chat: LinkPreview } | { phase: "gone" } | { phase: "error"; error: unknown };

export function JoinPage({ token }: { token: string }) {
  const [state, setState] = useState<State>({ phase: "loading" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setState({ phase: "loading" });
    links.preview(token).then(
      (chat) => live && setState({ phase: "ready", chat }),
      (e: unknown) => live && setState(isApiError(e, "not_found") ? { phase: "gone" } : { phase: "error", error: e }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  async function join() {
    setBusy(true);
    setError(null);
    try {
      const chat = await links.join(token);
      chats.upsert(chat);
      // The join page is done with: Back from the chat should not offer to join again.
      navigate(chatPath(chat.id), { replace: true });
    } catch (e) {
      if (isApiError(e, "not_found")) setState({ phase: "gone" });
      else setError(describeError(e));
      setBusy(false);
    }
  }

  switch (state.phase) {
    case "loading":
      return <div class="pane-notice muted">{t("app.loading")}</div>;
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
      const already = chats.byId(chat.id)?.role != null;
      return (
        <div class="pane-notice">
          <div class="join-card">
            <p class="muted">{t("join.invited")}</p>
            <Avatar name={chat.name} seed={chat.id} size="lg" />
            <h1>{chat.name}</h1>
            <p class="muted">{t("chat.members", { n: chat.memberCount })}</p>
            <p class="form-error" role="alert">
              {error}
            </p>
            {already ? (
              <Link href={chatPath(chat.id)} class="btn primary wide">
                {t("join.open")}
              </Link>
            ) : (
              <button type="button" class="btn primary wide" disabled={busy} onClick={join}>
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
