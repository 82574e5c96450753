// `t()` for the chat-info panel: the app's keys plus the panel's own, in both languages.
import { en } from "./en.ts";
import { translator } from "./index.ts";
import { panelEn } from "./panel.en.ts";
import { panelRu } from "./panel.ru.ts";
import { ru } from "./ru.ts";

export const t = translator({ en: { ...en, ...panelEn }, ru: { ...ru, ...panelRu } });
