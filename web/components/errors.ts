// Turns an API error into a sentence in the user's language.
import { isApiError } from "../api/errors.ts";
import { t } from "../i18n/index.ts";

export function describeError(e: unknown, params: Record<string, string> = {}): string {
  if (!isApiError(e)) return t("error.unknown", { code: "client" });
  switch (e.code) {
    case "network":
      return t("error.network");
    case "rate_limited":
      return t("error.rate_limited", { n: e.retryAfter ?? 60 });
    case "username_taken":
    case "weak_password":
    case "invalid_credentials":
    case "forbidden":
    case "too_large":
    case "owner_must_transfer":
      return t(`error.${e.code}`);
    case "already_member":
    case "already_invited":
      return t(`error.${e.code}`, { name: params.name ?? "" });
    default:
      return t("error.unknown", { code: e.code });
  }
}
