// The menu of one message: a row of quick reactions (and the full picker), then Reply, Edit,
// Copy text, Message info and Delete, each offered only where the room would allow it (own
// messages; any message for the owner and admins; nothing but copying for a reader who has
// not joined). A WAI-ARIA menu: arrow keys, Home and End move, Esc closes and gives the focus
// back to the message, a click elsewhere closes it.
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { isModerator, type Message } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { quickReactions } from "./emoji/quick.ts";
import type { MenuAnchor } from "./messageUi.ts";
import "../styles/lazy/menu.css";

export type MenuChoice = "picker" | "delete" | "info";

export interface Props {
  message: Message;
  model: OpenChatModel;
  meId: string;
  anchor: MenuAnchor;
  onClose: (restoreFocus: boolean) => void;
  onChoose: (choice: MenuChoice) => void;
}

export function MessageMenu({ message: m, model, meId, anchor, onClose, onChoose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chat = model.chat.value;
  const member = model.member.value;
  const mine = m.sender?.id === meId;
  const live = !m.deleted && m.kind === "text";
  /** The reactions the user has already given: choosing one again takes it back. */
  const given = new Set(m.reactions.filter((r) => r.me).map((r) => r.emoji));

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    let x: number;
    let y: number;
    if (anchor instanceof HTMLElement) {
      const r = anchor.getBoundingClientRect();
      x = r.left + Math.min(24, r.width / 2);
      y = r.bottom + 4;
      if (y + box.height > innerHeight - 8) y = r.top - box.height - 4;
    } else {
      ({ x, y } = anchor);
    }
    el.style.left = `${Math.max(8, Math.min(x, innerWidth - box.width - 8))}px`;
    el.style.top = `${Math.max(8, Math.min(y, innerHeight - box.height - 8))}px`;
    el.querySelector<HTMLElement>("[role=menuitem]")?.focus();
  }, []);

  useEffect(() => {
    const away = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
    };
    const resized = () => onClose(false);
    document.addEventListener("pointerdown", away, true);
    addEventListener("resize", resized);
    return () => {
      document.removeEventListener("pointerdown", away, true);
      removeEventListener("resize", resized);
    };
  }, []);

  const run = (fn: () => void) => () => {
    fn();
    onClose(false);
  };

  function onKeyDown(e: KeyboardEvent) {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => {
      e.preventDefault();
      items[(n + items.length) % items.length]?.focus();
    };
    switch (e.key) {
      case "ArrowDown":
      case "ArrowRight":
        return go(i + 1);
      case "ArrowUp":
      case "ArrowLeft":
        return go(i - 1);
      case "Home":
        return go(0);
      case "End":
        return go(items.length - 1);
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        return onClose(true);
      case "Tab":
        e.preventDefault();
        return onClose(true);
    }
  }

  return (
    <div ref={ref} class="menu" role="menu" aria-label={t("actions.open")} onKeyDown={onKeyDown} style={{ left: "-9999px", top: "0px" }}>
      {member && live && (
        <div class="menu-reactions">
          {quickReactions.map((emoji) => (
            <button
              key={emoji}
              type="button"
              role="menuitem"
              class={given.has(emoji) ? "menu-emoji mine" : "menu-emoji"}
              aria-label={t("actions.react", { emoji })}
              onClick={run(() => model.actions.react(m.seq, emoji, !given.has(emoji)))}
            >
              {emoji}
            </button>
          ))}
          <button type="button" role="menuitem" class="menu-emoji more" aria-label={t("actions.moreEmoji")} title={t("actions.moreEmoji")} onClick={run(() => onChoose("picker"))}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path fill="currentColor" d="M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z" />
            </svg>
          </button>
        </div>
      )}
      {member && live && (
        <button type="button" role="menuitem" class="menu-item" onClick={run(() => model.compose.replyTo(m))}>
          {t("actions.reply")}
        </button>
      )}
      {member && live && mine && (
        <button type="button" role="menuitem" class="menu-item" onClick={run(() => model.compose.edit(m))}>
          {t("actions.edit")}
        </button>
      )}
      {live && m.body && (
        <button type="button" role="menuitem" class="menu-item" onClick={run(() => void navigator.clipboard?.writeText(m.body).catch(() => undefined))}>
          {t("actions.copy")}
        </button>
      )}
      {member && live && mine && chat?.kind === "group" && (
        <button type="button" role="menuitem" class="menu-item" onClick={run(() => onChoose("info"))}>
          {t("actions.info")}
        </button>
      )}
      {member && live && (mine || isModerator(chat?.role ?? null)) && (
        <button type="button" role="menuitem" class="menu-item danger" onClick={run(() => onChoose("delete"))}>
          {t("actions.delete")}
        </button>
      )}
    </div>
  );
}
