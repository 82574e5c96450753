// Which screen to show: a splash while the session loads, sign-in when signed out (the
// address is kept, so a deep link opens after signing in), the app otherwise.
import { useSignalEffect } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "./i18n/index.ts";
import { AuthPage } from "./pages/AuthPage.tsx";
import { MainPage } from "./pages/MainPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { route } from "./state/router.ts";
import type { SessionModel } from "./state/session.ts";

export function App({ session }: { session: SessionModel }) {
  useEffect(() => {
    void session.load();
  }, [session]);

  const me = session.user.value;
  const account = session.account.value;
  const r = route.value;

  useSignalEffect(() => {
    const unread = session.account.value?.chats.totalUnread.value ?? 0;
    document.title = unread > 0 ? `(${unread}) ${t("app.name")}` : t("app.name");
  });

  if (me === undefined) {
    return (
      <div class="splash" aria-busy="true" role="status">
        {session.unreachable.value ? t("error.network") : t("app.loading")}
      </div>
    );
  }
  if (me === null || !account) return <AuthPage session={session} />;
  if (r.name === "not_found") return <NotFoundPage />;
  return <MainPage me={me} account={account} route={r} onSignOut={session.signOut} />;
}
