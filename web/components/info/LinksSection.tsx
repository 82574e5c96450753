// Invite links (owner and admins): make one with an optional expiry and use limit, copy it,
// revoke it. Expired and used-up links stay listed (the API lists them) but look spent.
import { useModel } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { formatStamp } from "../../i18n/format.ts";
import { t } from "../../i18n/panel.ts";
import type { InviteLink } from "../../api/membership.ts";
import { LinkList, type LinkListModel } from "../../state/openChat/links.ts";
import { describeError } from "../errors.ts";

const maxHours = 8760;
const maxUses = 100_000;

/** "" means "no limit"; anything else must be a whole number in range. */
function parseLimit(raw: string, max: number): number | undefined | null {
  const s = raw.trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (an http address other than localhost) or no permission: the old way.
    input?.select();
    return document.execCommand?.("copy") ?? false;
  }
}

function spent(l: InviteLink): "expired" | "usedUp" | null {
  if (l.expiresAt && Date.parse(l.expiresAt) <= Date.now()) return "expired";
  if (l.maxUses !== null && l.uses >= l.maxUses) return "usedUp";
  return null;
}

function LinkRow({ link, list }: { link: InviteLink; list: LinkListModel }) {
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const state = spent(link);
  const uses = link.maxUses === null ? t("links.uses", { n: link.uses }) : t("links.usesOf", { n: link.uses, max: link.maxUses });
  const expiry = state ? t(state === "expired" ? "links.expired" : "links.usedUp") : link.expiresAt ? t("links.expires", { date: formatStamp(link.expiresAt) }) : t("links.noExpiry");

  return (
    <li class={state ? "link spent" : "link"}>
      <input
        class="link-url"
        readOnly
        value={link.url}
        aria-label={t("links.url")}
        ref={input}
        onFocus={(e) => e.currentTarget.select()}
      />
      <p class="link-meta muted">
        {expiry} · {uses}
      </p>
      <div class="link-actions">
        {!state && (
          <button
            type="button"
            class="btn small"
            onClick={async () => {
              setCopied(await copyText(link.url, input.current));
              setTimeout(() => setCopied(false), 2000);
            }}
          >
            {copied ? t("links.copied") : t("links.copy")}
          </button>
        )}
        <button
          type="button"
          class="btn small danger-text"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await list.revoke(link.token);
            } catch (e) {
              setError(describeError(e));
              setBusy(false);
            }
          }}
        >
          {t("links.revoke")}
        </button>
      </div>
      {error && <p class="form-error">{error}</p>}
    </li>
  );
}

export function LinksSection({ chatId }: { chatId: string }) {
  const list = useModel(() => new LinkList(chatId));
  const [hours, setHours] = useState("");
  const [uses, setUses] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void list.load(), [list]);

  const h = parseLimit(hours, maxHours);
  const u = parseLimit(uses, maxUses);

  async function create(e: Event) {
    e.preventDefault();
    if (h === null || u === null) return;
    setBusy(true);
    setError(null);
    try {
      await list.create({ ...(h ? { expiresInHours: h } : {}), ...(u ? { maxUses: u } : {}) });
      setHours("");
      setUses("");
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const links = list.links.value;
  const loadError = list.error.value;
  return (
    <section class="info-section" aria-labelledby="links-title">
      <h3 id="links-title">{t("links.title")}</h3>
      <form class="link-form" onSubmit={create} noValidate>
        <label class={h === null ? "field invalid" : "field"}>
          <span>{t("links.expiry")}</span>
          <input name="linkHours" type="number" inputMode="numeric" min={1} max={maxHours} placeholder={t("links.never")} value={hours} onInput={(e) => setHours(e.currentTarget.value)} />
        </label>
        <label class={u === null ? "field invalid" : "field"}>
          <span>{t("links.maxUses")}</span>
          <input name="linkUses" type="number" inputMode="numeric" min={1} max={maxUses} placeholder={t("links.unlimited")} value={uses} onInput={(e) => setUses(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn primary" disabled={busy || h === null || u === null}>
          {t("links.create")}
        </button>
      </form>
      <p class="form-error" role="alert">
        {h === null ? t("links.hoursInvalid") : u === null ? t("links.usesInvalid") : (error ?? (loadError ? describeError(loadError) : ""))}
      </p>
      {links.length > 0 ? (
        <ul class="links">
          {links.map((l) => (
            <LinkRow key={l.token} link={l} list={list} />
          ))}
        </ul>
      ) : (
        list.loaded.value && <p class="muted info-note">{t("links.empty")}</p>
      )}
    </section>
  );
}
