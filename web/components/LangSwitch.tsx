// The language picker (sign-in page, settings). Choosing a language fetches its dictionary
// first (i18n/index.ts), so the switch is whole when it happens.
import { lang, languages, setLang, t, type Lang } from "../i18n/index.ts";

export function LangSwitch() {
  return (
    <label class="lang-switch">
      <span class="visually-hidden">{t("lang.label")}</span>
      <select
        aria-label={t("lang.label")}
        value={lang.value}
        onChange={(e) => {
          const select = e.currentTarget;
          // A language other than English is fetched first; offline, the choice goes back.
          setLang(select.value as Lang).catch(() => {
            select.value = lang.value;
          });
        }}
      >
        {Object.entries(languages).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
