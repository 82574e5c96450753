import { effect } from "@preact/signals";
import { render } from "preact";
import { App } from "./app.tsx";
import { lang } from "./i18n/index.ts";
import "./styles/base.css";
import "./styles/auth.css";
import "./styles/layout.css";
import "./styles/chat.css";
import "./styles/info.css";

// Screen readers, hyphenation and spell-checking read the page's language from <html lang>.
effect(() => {
  document.documentElement.lang = lang.value;
});

render(<App />, document.getElementById("app")!);
