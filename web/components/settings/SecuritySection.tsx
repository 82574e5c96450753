// Security: change the password (current, new, repeated), and the signed-in sessions with a
// readable device, last activity and the current one marked; any other can be ended, or all
// of them at once.
import { useState } from "preact/hooks";
import { isApiError } from "../../api/errors.ts";
import { formatStamp } from "../../i18n/format.ts";
import { t } from "../../i18n/settings.ts";
import { parseDevice } from "../../state/settings/device.ts";
import { describeError } from "../errors.ts";
import type { SectionProps } from "./types.ts";

const minPassword = 8;

function deviceName(userAgent: string): string {
  const { browser, os } = parseDevice(userAgent);
  if (browser && os) return t("settings.deviceOn", { browser, os });
  return browser ?? os ?? t("settings.deviceUnknown");
}

function PasswordForm({ settings }: Pick<SectionProps, "settings">) {
  const security = settings.security;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [tried, setTried] = useState(false);
  const mismatch = repeat !== "" && next !== repeat;
  const short = next !== "" && next.length < minPassword;
  const error = security.passwordError.value;

  return (
    <form
      class="settings-fields"
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (mismatch || short || !current || !next) return;
        if (await security.changePassword(current, next)) {
          setCurrent("");
          setNext("");
          setRepeat("");
          setTried(false);
        }
      }}
    >
      <h3>{t("settings.changePassword")}</h3>
      <label class="field">
        <span>{t("settings.currentPassword")}</span>
        <input type="password" name="currentPassword" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
      </label>
      <label class={short && tried ? "field invalid" : "field"}>
        <span>{t("settings.newPassword")}</span>
        <input
          type="password"
          name="newPassword"
          autocomplete="new-password"
          required
          minLength={minPassword}
          value={next}
          aria-invalid={short && tried}
          aria-describedby="new-password-hint"
          onInput={(e) => setNext(e.currentTarget.value)}
        />
      </label>
      {/* Outside the label: a description of the field, not part of its name. */}
      <span id="new-password-hint" class="field-hint">
        {t("validate.password")}
      </span>
      <label class={mismatch && tried ? "field invalid" : "field"}>
        <span>{t("settings.repeatPassword")}</span>
        <input
          type="password"
          name="repeatPassword"
          autocomplete="new-password"
          required
          value={repeat}
          aria-invalid={mismatch && tried}
          onInput={(e) => setRepeat(e.currentTarget.value)}
        />
      </label>
      <div class="settings-row">
        <button type="submit" class="btn primary" disabled={security.passwordBusy.value}>
          {t("settings.changePassword")}
        </button>
      </div>
      <p class={security.passwordChanged.value && !error && !(tried && mismatch) ? "form-ok" : "form-error"} role="status">
        {tried && mismatch
          ? t("settings.passwordsDiffer")
          : error != null
            ? isApiError(error, "forbidden")
              ? t("settings.wrongPassword")
              : describeError(error)
            : security.passwordChanged.value
              ? t("settings.passwordChanged")
              : ""}
      </p>
    </form>
  );
}

function Sessions({ settings }: Pick<SectionProps, "settings">) {
  const security = settings.security;
  const list = security.sessions.value;
  const ending = security.ending.value;
  const others = list?.filter((s) => !s.current).length ?? 0;
  return (
    <div class="settings-fields">
      <h3>{t("settings.sessions")}</h3>
      {security.loadError.value != null && (
        <p class="form-error" role="alert">
          {describeError(security.loadError.value)}
        </p>
      )}
      {list === null ? (
        <p class="muted">{t("app.loading")}</p>
      ) : (
        <ul class="session-list">
          {list.map((s) => {
            const name = deviceName(s.userAgent);
            return (
              <li key={s.id} class="session">
                <div class="session-text">
                  <span class="session-device">
                    {name}
                    {s.current && <span class="session-current"> · {t("settings.thisDevice")}</span>}
                  </span>
                  <span class="muted">{t("settings.lastActive", { when: formatStamp(s.lastSeenAt) })}</span>
                </div>
                {!s.current && (
                  <button type="button" class="btn small" disabled={ending !== null} aria-label={t("settings.endSessionOf", { device: name, when: formatStamp(s.lastSeenAt) })} onClick={() => void security.endSession(s.id)}>
                    {t("settings.endSession")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {others > 0 && (
        <div class="settings-row">
          <button type="button" class="btn" disabled={ending !== null} onClick={() => void security.endOthers()}>
            {t("settings.endOthers")}
          </button>
        </div>
      )}
    </div>
  );
}

export function SecuritySection({ settings }: SectionProps) {
  return (
    <div class="settings-fields">
      <PasswordForm settings={settings} />
      <Sessions settings={settings} />
    </div>
  );
}
