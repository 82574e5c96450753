import { lang, languages, setLang, t, type Lang } from "../i18n/index.ts";

export function LangSwitch() {
  return (
    <label class="lang-switch">
      <span class="visually-hidden">{t("lang.label")}</span>
      <select
        aria-label={t("lang.label")}
        value={lang.value}
        onChange={(e) => setLang(e.currentTarget.value as Lang)}
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
