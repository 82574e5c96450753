// Which screen to show: a splash while the session loads, sign-in when signed out (the
// address is kept, so a deep link opens after signing in), the app otherwise.
import { useSignalEffect } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "./i18n/index.ts";
import { AuthPage } from "./pages/AuthPage.tsx";
import { MainPage } from "./pages/MainPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import * as chats from "./state/chats.ts";
import { route } from "./state/router.ts";
import { loadSession, unreachable, user } from "./state/session.ts";

export function App() {
  useEffect(() => {
    void loadSession();
  }, []);

  const me = user.value;
  const r = route.value;

  useSignalEffect(() => {
    const unread = chats.totalUnread.value;
    document.title = unread > 0 ? `(${unread}) ${t("app.name")}` : t("app.name");
  });

  if (me === undefined) {
    return (
      <div class="splash" aria-busy="true" role="status">
        {unreachable.value ? t("error.network") : t("app.loading")}
      </div>
    );
  }
  if (me === null) return <AuthPage />;
  if (r.name === "not_found") return <NotFoundPage />;
  return <MainPage me={me} route={r} />;
}
