// The full reaction picker: every emoji of the catalog (emoji/catalog.ts), by group, with a
// search over their names in the interface's language (and English). Loaded on first use
// (LazyEmojiPicker below): the list and its names are far bigger than the rest of the app.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { lang, t, type Key } from "../i18n/index.ts";
import { Dialog } from "./Dialog.tsx";
import { catalog, russianLabels, type CatalogEmoji } from "./emoji/catalog.ts";
import "../styles/lazy/picker.css";

interface Props {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

type Names = Map<string, { label: string; tags: string[] }>;

export function EmojiPicker({ onPick, onClose }: Props) {
  const [q, setQ] = useState("");
  const [names, setNames] = useState<Names | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const ru = lang.value === "ru";

  useEffect(() => {
    input.current?.focus();
    if (ru) void russianLabels().then(setNames, () => undefined);
  }, [ru]);

  const label = (e: CatalogEmoji) => (ru && names?.get(e.hexcode)?.label) || e.label;

  const shown = useMemo(() => {
    const needle = q.trim().toLocaleLowerCase();
    if (!needle) return catalog;
    return catalog.filter((e) => {
      const local = names?.get(e.hexcode);
      const words = [e.label, ...e.tags, ...(local ? [local.label, ...local.tags] : [])];
      return e.emoji === needle || words.some((w) => w.toLocaleLowerCase().includes(needle));
    });
  }, [q, names]);

  const groups = useMemo(() => {
    const by = new Map<number, CatalogEmoji[]>();
    for (const e of shown) by.set(e.group, [...(by.get(e.group) ?? []), e]);
    return [...by.entries()];
  }, [shown]);

  return (
    <Dialog title={t("picker.title")} onClose={onClose}>
      <input
        ref={input}
        class="picker-search"
        type="search"
        placeholder={t("picker.search")}
        aria-label={t("picker.search")}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
      <div class="picker-grid">
        {groups.map(([group, list]) => (
          <section key={group} class="picker-group" aria-label={t(`picker.group${group}` as Key)}>
            <h3 class="picker-group-title">{t(`picker.group${group}` as Key)}</h3>
            <div class="picker-emojis">
              {list.map((e) => (
                <button key={e.hexcode} type="button" class="picker-emoji" aria-label={label(e)} title={label(e)} onClick={() => onPick(e.emoji)}>
                  {e.emoji}
                </button>
              ))}
            </div>
          </section>
        ))}
        {!shown.length && <p class="muted picker-none">{t("picker.none")}</p>}
      </div>
    </Dialog>
  );
}
