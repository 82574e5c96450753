import { computed, effect } from "@preact/signals";
import { render } from "preact";
import { App } from "./app.tsx";
import { theme } from "./appearance/theme.ts";
import { followTheme } from "./appearance/themeColor.ts";
import { showUnread } from "./appearance/unreadBadge.ts";
import { lang, loadLang } from "./i18n/index.ts";
import { browserIO } from "./state/browser.ts";
import { Session } from "./state/session.ts";
import "./styles/base.css";
import "./styles/auth.css";
import "./styles/layout.css";
import "./styles/chat.css";
import "./styles/info.css";
import "./styles/media.css";
import "./styles/messages.css";
import "./styles/settings.css";
import "./styles/shell.css";

// Screen readers, hyphenation and spell-checking read the page's language from <html lang>.
effect(() => {
  document.documentElement.lang = lang.value;
});

// An on-screen keyboard shrinks the visual viewport, not always the layout one: size the app
// to the visible part (base.css reads --visible-height) so the composer stays above the
// keyboard. Not while pinch-zoomed, where the visible part is a magnified piece of the page.
const visible = window.visualViewport;
if (visible) {
  const fit = () => {
    if (Math.abs(visible.scale - 1) < 0.01) document.documentElement.style.setProperty("--visible-height", `${visible.height}px`);
  };
  visible.addEventListener("resize", fit);
  fit();
}

// The chosen theme, before the first render (and whenever it changes). "system" leaves the
// attribute off, so the CSS follows prefers-color-scheme.
effect(() => {
  if (theme.value === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme.value;
});

// One session for the life of the tab. Made here, beside render(), not in app.tsx: a hot
// reload of app.tsx must not open a second set of sockets.
const session = new Session(browserIO());

followTheme(theme);
// The unread total in the tab's title and icon; nothing while signed out.
showUnread(computed(() => session.account.value?.chats.totalUnread.value ?? 0));

// A reader of a language other than English waits for its dictionary (a chunk of its own,
// cached by the service worker after the first visit), so the first screen is never English
// for a moment. If it cannot be fetched, English it is.
void loadLang(lang.value)
  .catch(() => {
    lang.value = "en";
  })
  .then(() => render(<App session={session} />, document.getElementById("app")!));
