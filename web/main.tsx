import { effect } from "@preact/signals";
import { render } from "preact";
import { App } from "./app.tsx";
import { lang } from "./i18n/index.ts";
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

// Screen readers, hyphenation and spell-checking read the page's language from <html lang>.
effect(() => {
  document.documentElement.lang = lang.value;
});

// One session for the life of the tab. Made here, beside render(), not in app.tsx: a hot
// reload of app.tsx must not open a second set of sockets.
const session = new Session(browserIO());

render(<App session={session} />, document.getElementById("app")!);
