// The colour theme: follow the system, or always light, or always dark. Remembered in
// localStorage per browser, like the language (i18n/index.ts). main.tsx applies it as
// <html data-theme> before the first render, so a dark-theme user never sees a light flash
// from the app itself (the CSP forbids the usual inline <script> in index.html); the design
// tokens in styles/base.css follow `color-scheme`, which that attribute sets.
import { signal } from "@preact/signals";

export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

const storageKey = "qm.theme";

function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (themes as readonly string[]).includes(value);
}

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isTheme(saved)) return saved;
  } catch {
    // Storage may be disabled: follow the system.
  }
  return "system";
}

export const theme = signal<Theme>(initialTheme());

export function setTheme(next: Theme): void {
  theme.value = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Not remembered, but still switched for this tab.
  }
}
