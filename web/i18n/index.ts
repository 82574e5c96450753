// The UI language: picked from navigator.language on the first visit, switchable, and
// remembered in localStorage. `t()` reads the `lang` signal, so a component that calls it
// re-renders when the language changes. (The page's own `lang` attribute follows it too, set
// in main.tsx: this module touches no DOM, so its rules run in plain Node in the unit tests.)
import { computed, signal } from "@preact/signals";
import { en, type Entry, type Key, type Plural } from "./en.ts";
import { ru } from "./ru.ts";

export type { Entry, Key } from "./en.ts";

export const languages = { en: "English", ru: "Русский" } as const;
export type Lang = keyof typeof languages;

const dictionaries: Record<Lang, Record<Key, Entry>> = { en, ru };
const storageKey = "qm.lang";

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && value in languages;
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLang(saved)) return saved;
  } catch {
    // Storage may be disabled (private mode, policies): fall back to the browser's language.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return "en";
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Not remembered, but still switched for this tab.
  }
}

const pluralRules = computed(() => new Intl.PluralRules(lang.value));

type Params = Record<string, string | number>;

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A `t()` over a set of dictionaries: the app's own below, and bigger ones for lazily
 * loaded screens (i18n/panel.ts), which travel in their chunk instead of the first load.
 */
export function translator<K extends string>(dicts: Record<Lang, Record<K, Entry>>): (key: K, params?: Params) => string {
  return (key, params) => {
    const entry = dicts[lang.value][key] ?? dicts.en[key];
    if (typeof entry === "string") return fill(entry, params);
    const n = Number(params?.n ?? 0);
    const form = pluralRules.value.select(n) as keyof Plural;
    return fill(entry[form] ?? entry.other, params);
  };
}

/** Translates `key`; a plural entry picks its form by `params.n`. */
export const t = translator<Key>(dictionaries);
