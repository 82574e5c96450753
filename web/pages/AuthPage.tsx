// Sign in and sign up. Fields are checked as the API would (so most mistakes never leave the
// browser), and the API's answers land beside the field they concern: a taken username under
// the username, a weak password under the password, "too many attempts" with a countdown.
import { useState } from "preact/hooks";
import { limits } from "#protocol";
import { isApiError } from "../api/errors.ts";
import { describeError } from "../components/errors.ts";
import { LangSwitch } from "../components/LangSwitch.tsx";
import { useCountdown } from "../components/useCountdown.ts";
import { t } from "../i18n/index.ts";
import { route } from "../state/router.ts";
import type { SessionModel } from "../state/session.ts";

type Mode = "signIn" | "signUp";
type Field = "username" | "password" | "displayName";
type Errors = Partial<Record<Field | "form", string>>;

const usernamePattern = /^[a-z0-9_]{3,32}$/;

function validate(mode: Mode, username: string, password: string): Errors {
  const errors: Errors = {};
  const name = username.trim().toLowerCase();
  if (!name) errors.username = t("validate.required");
  else if (mode === "signUp" && !usernamePattern.test(name)) errors.username = t("validate.username");
  if (!password) errors.password = t("validate.required");
  else if (mode === "signUp" && password.length < limits.passwordMin) errors.password = t("validate.password");
  return errors;
}

/** Which field an `invalid_request` is about, when the API says so in `details`. */
function fieldOf(details: unknown): Field | null {
  const text = JSON.stringify(details ?? "");
  for (const f of ["username", "password", "displayName"] as const) if (text.includes(`"${f}"`)) return f;
  return null;
}

export function AuthPage({ session }: { session: SessionModel }) {
  const [mode, setMode] = useState<Mode>("signIn");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const wait = useCountdown(blockedUntil);

  const shown: Errors = touched ? { ...validate(mode, username, password), ...errors } : errors;
  const formError = wait > 0 ? t("error.rate_limited", { n: wait }) : shown.form;

  async function submit(e: Event) {
    e.preventDefault();
    setTouched(true);
    const local = validate(mode, username, password);
    setErrors({});
    if (Object.keys(local).length || wait > 0) return;
    setBusy(true);
    try {
      const creds = { username: username.trim().toLowerCase(), password };
      if (mode === "signIn") await session.signIn(creds);
      else await session.signUp(displayName.trim() ? { ...creds, displayName: displayName.trim() } : creds);
    } catch (err) {
      if (isApiError(err, "rate_limited")) setBlockedUntil(Date.now() + (err.retryAfter ?? 60) * 1000);
      else if (isApiError(err, "username_taken")) setErrors({ username: describeError(err) });
      else if (isApiError(err, "weak_password")) setErrors({ password: describeError(err) });
      else if (isApiError(err, "invalid_request")) {
        const field = fieldOf(err.details);
        setErrors(field ? { [field]: field === "username" ? t("validate.username") : err.message } : { form: err.message });
      } else setErrors({ form: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  function switchMode() {
    setMode(mode === "signIn" ? "signUp" : "signIn");
    setErrors({});
    setTouched(false);
  }

  const fieldClass = (f: Field) => (shown[f] ? "field invalid" : "field");

  return (
    <main class="auth">
      <div class="auth-corner">
        <LangSwitch />
      </div>
      <form class="auth-card" onSubmit={submit} noValidate>
        <div class="auth-logo" aria-hidden="true">
          q
        </div>
        <h1>{mode === "signIn" ? t("auth.signInTitle") : t("auth.signUpTitle")}</h1>
        <p class="muted">{route.value.name === "join" ? t("join.signInFirst") : t("auth.tagline")}</p>

        <label class={fieldClass("username")}>
          <span>{t("auth.username")}</span>
          <input
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            maxLength={64}
            value={username}
            aria-invalid={!!shown.username}
            aria-describedby="username-error"
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <small id="username-error" class="field-error" role="alert">
            {shown.username}
          </small>
        </label>

        {mode === "signUp" && (
          <label class={fieldClass("displayName")}>
            <span>{t("auth.displayName")}</span>
            <input
              name="displayName"
              autocomplete="nickname"
              maxLength={limits.displayNameMax}
              value={displayName}
              onInput={(e) => setDisplayName(e.currentTarget.value)}
            />
            <small class="field-error" role="alert">
              {shown.displayName}
            </small>
          </label>
        )}

        <label class={fieldClass("password")}>
          <span>{t("auth.password")}</span>
          <input
            name="password"
            type="password"
            autocomplete={mode === "signIn" ? "current-password" : "new-password"}
            maxLength={limits.passwordMax}
            value={password}
            aria-invalid={!!shown.password}
            aria-describedby="password-error"
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <small id="password-error" class="field-error" role="alert">
            {shown.password}
          </small>
        </label>

        <p class="form-error" role="alert">
          {formError}
        </p>

        <button class="btn primary wide" type="submit" disabled={busy || wait > 0}>
          {mode === "signIn" ? t("auth.signIn") : t("auth.signUp")}
        </button>
        <button class="btn link" type="button" onClick={switchMode}>
          {mode === "signIn" ? t("auth.toSignUp") : t("auth.toSignIn")}
        </button>
      </form>
    </main>
  );
}
