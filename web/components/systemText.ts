// System messages in the reader's language, from the structured `system` field when the
// server sends one, else its own text.
import type { Message } from "#protocol";
import { t } from "../i18n/index.ts";
import { plain } from "./markup.ts";
import { personName } from "./profileCard.ts";

export function systemText(m: Message): string {
  const s = m.system;
  if (!s) return m.body;
  const actor = s.actor ? personName(s.actor) : "?";
  const target = s.target ? personName(s.target) : "?";
  return t(`system.${s.event}`, { actor, target, name: s.name ?? "" });
}

/** One line for the chat list; in a group, who wrote it comes first. */
export function previewText(m: Message, myId: string, group: boolean): string {
  if (m.kind === "system") return systemText(m);
  const text = m.deleted ? t("message.deleted") : plain(m.body) || t("message.attachment");
  if (m.sender?.id === myId) return `${t("message.you")}: ${text}`;
  if (group && m.sender) return `${personName(m.sender)}: ${text}`;
  return text;
}
