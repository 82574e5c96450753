// Which screen to show: a splash while the session loads, sign-in when signed out (the
// address is kept, so a deep link opens after signing in), the app otherwise.
import { useEffect } from "preact/hooks";
import { t } from "./i18n/index.ts";
import { ShellStatus } from "./components/ShellStatus.tsx";
import { ListSkeleton } from "./components/Skeleton.tsx";
import { AuthPage } from "./pages/AuthPage.tsx";
import { MainPage } from "./pages/MainPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { route } from "./state/router.ts";
import type { SessionModel } from "./state/session.ts";

export function App({ session }: { session: SessionModel }) {
  return (
    <>
      <ShellStatus session={session} />
      <Screen session={session} />
    </>
  );
}

function Screen({ session }: { session: SessionModel }) {
  useEffect(() => {
    void session.load();
  }, [session]);

  const me = session.user.value;
  const account = session.account.value;
  const r = route.value;

  if (me === undefined) {
    if (session.unreachable.value) {
      return (
        <div class="splash" role="status">
          {t("error.network")}
        </div>
      );
    }
    // The shape of the signed-in screen (most visits are signed in); sign-in replaces it.
    return (
      <div class="main">
        <div class="sidebar">
          <ListSkeleton />
        </div>
        <div class="pane" />
      </div>
    );
  }
  if (me === null || !account) return <AuthPage session={session} />;
  if (r.name === "not_found") return <NotFoundPage />;
  return <MainPage me={me} account={account} route={r} onSignOut={session.signOut} />;
}
