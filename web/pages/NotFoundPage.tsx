import { Link } from "../components/Link.tsx";
import { t } from "../i18n/index.ts";

export function NotFoundPage() {
  return (
    <main class="pane-notice page-notice">
      <h1>{t("notFound.title")}</h1>
      <p class="muted">{t("notFound.text")}</p>
      <Link href="/" class="btn primary">
        {t("notFound.home")}
      </Link>
    </main>
  );
}
