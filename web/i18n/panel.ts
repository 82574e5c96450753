// `t()` for the chat-info panel: the app's keys plus the panel's own, in both languages.
import { withStrings } from "./index.ts";
import { panelEn } from "./panel.en.ts";
import { panelRu } from "./panel.ru.ts";

export const t = withStrings({ en: panelEn, ru: panelRu });
