// The UI language: picked from navigator.language on the first visit, switchable, and
// remembered in localStorage. `t()` reads the `lang` signal, so a component that calls it
// re-renders when the language changes. (The page's own `lang` attribute follows it too, set
// in main.tsx: this module touches no DOM, so its rules run in plain Node in the unit tests.)
//
// English is the reference and the fallback, and travels with the first load. Every other
// language is a chunk of its own, fetched only by those who read it (loadLang): `lang` names
// a language only once its dictionary is here, so no screen shows a mix (main.tsx waits for
// the first one before rendering; setLang switches when the download is done).
import { computed, signal } from "@preact/signals";
import { en, type Dictionary, type Entry, type Key, type Plural } from "./en.ts";

export type { Entry, Key } from "./en.ts";

export const languages = { en: "English", ru: "Русский" } as const;
export type Lang = keyof typeof languages;

const dictionaries: Partial<Record<Lang, Dictionary>> = { en };
const loaders: Record<Exclude<Lang, "en">, () => Promise<Dictionary>> = {
  ru: () => import("./ru.ts").then((m) => m.ru),
};
const loading = new Map<Lang, Promise<void>>();
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

/** Fetches a language's dictionary (once; a failed download is tried again next time). */
export function loadLang(l: Lang): Promise<void> {
  if (l === "en" || dictionaries[l]) return Promise.resolve();
  let p = loading.get(l);
  if (!p) {
    p = loaders[l]().then(
      (d) => {
        dictionaries[l] = d;
      },
      (e: unknown) => {
        loading.delete(l);
        throw e;
      },
    );
    loading.set(l, p);
  }
  return p;
}

/** Switches the language once its dictionary is here, and remembers it. A dictionary that
 * cannot be fetched (offline) leaves the language as it was, and the promise rejects. */
export async function setLang(next: Lang): Promise<void> {
  await loadLang(next);
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

/** A `t()` over a set of dictionaries; a key missing in a language is said in English. */
export function translator<K extends string>(dicts: Partial<Record<Lang, Partial<Record<K, Entry>>>> & { en: Record<K, Entry> }): (key: K, params?: Params) => string {
  return (key, params) => {
    const entry = dicts[lang.value]?.[key] ?? dicts.en[key];
    if (typeof entry === "string") return fill(entry, params);
    const n = Number(params?.n ?? 0);
    const form = pluralRules.value.select(n) as keyof Plural;
    return fill(entry[form] ?? entry.other, params);
  };
}

/** Translates `key`; a plural entry picks its form by `params.n`. */
export const t = translator<Key>(dictionaries as typeof dictionaries & { en: Dictionary });

/**
 * The app's `t()` plus the strings of a lazily loaded screen (i18n/panel.ts, settings.ts),
 * which travel in that screen's chunk instead of the first load.
 */
export function withStrings<K extends string>(own: Record<Lang, Record<K, Entry>>): (key: Key | K, params?: Params) => string {
  const tr = translator<K>(own);
  return (key, params) => (key in own.en ? tr(key as K, params) : t(key as Key, params));
}
