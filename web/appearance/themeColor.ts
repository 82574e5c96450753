// The browser's own chrome (a phone's address bar, an installed app's title bar) takes its
// colour from <meta name="theme-color">. index.html carries the pair for "system", one per
// prefers-color-scheme; a theme chosen in Settings replaces them with one colour, so the bar
// matches the page and not the system. The colours are the page background (styles/base.css
// --bg) of each scheme.
import { effect, type ReadonlySignal } from "@preact/signals";
import type { Theme } from "./theme.ts";

export const themeColors = { light: "#ffffff", dark: "#17212b" } as const;

export interface ThemeColorMeta {
  content: string;
  media?: string;
}

/** The theme-color metas for a theme: a colour per scheme for "system", else just one. */
export function themeColorMetas(theme: Theme): ThemeColorMeta[] {
  if (theme === "system") {
    return [
      { content: themeColors.light, media: "(prefers-color-scheme: light)" },
      { content: themeColors.dark, media: "(prefers-color-scheme: dark)" },
    ];
  }
  return [{ content: themeColors[theme] }];
}

/** Keeps the page's theme-color metas following `theme`, for the life of the tab. */
export function followTheme(theme: ReadonlySignal<Theme>): () => void {
  return effect(() => {
    const metas = themeColorMetas(theme.value);
    for (const old of document.head.querySelectorAll('meta[name="theme-color"]')) old.remove();
    for (const m of metas) {
      const el = document.createElement("meta");
      el.name = "theme-color";
      el.content = m.content;
      if (m.media) el.media = m.media;
      document.head.append(el);
    }
  });
}
