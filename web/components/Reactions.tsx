// Reactions under a message: one chip per emoji with its count, the user's own highlighted
// (aria-pressed); a click adds or takes back the user's reaction. Hovering, focusing or
// long-pressing a chip shows who gave it, fetched then (frames carry only counts).
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { Reaction } from "#protocol";
import { t } from "../i18n/index.ts";
import { MessageUiContext } from "./messageUi.ts";

const showAfterMs = 350;
const longPressMs = 500;

function Chip({ seq, rev, reaction }: { seq: number; rev: number; reaction: Reaction }) {
  const ui = useContext(MessageUiContext);
  const [names, setNames] = useState<string[] | null>(null);
  const [open, setOpen] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pressed = useRef(false);
  const id = `who-${seq}-${[...reaction.emoji].map((c) => c.codePointAt(0)!.toString(16)).join("-")}`;

  useEffect(() => {
    if (!open || !ui) return;
    let live = true;
    ui.model.actions.reactors(seq).then(
      (list) => {
        if (!live) return;
        const r = list.find((x) => x.emoji === reaction.emoji);
        const shown = r?.users.map((u) => (u.id === ui.me.id ? t("message.you") : u.displayName)) ?? [];
        const hidden = (r?.count ?? 0) - shown.length;
        setNames(hidden > 0 ? [...shown, t("reactions.more", { n: hidden })] : shown);
      },
      () => live && setNames(null),
    );
    return () => {
      live = false;
    };
    // The count or the message's rev changing means the list changed: fetch again.
  }, [open, seq, rev, reaction.count]);

  const later = (fn: () => void, ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(fn, ms);
  };
  const hide = () => {
    if (timer.current) clearTimeout(timer.current);
    setOpen(false);
  };
  useEffect(() => () => hide(), []);

  const member = ui?.model.member.value ?? false;
  return (
    <span class="chip-wrap">
      <button
        type="button"
        class={reaction.me ? "chip mine" : "chip"}
        aria-pressed={reaction.me}
        aria-label={t("reactions.chip", { emoji: reaction.emoji, n: reaction.count })}
        aria-describedby={open && names ? id : undefined}
        disabled={!member}
        onClick={(e) => {
          e.stopPropagation();
          if (pressed.current) {
            pressed.current = false;
            return;
          }
          ui?.model.actions.react(seq, reaction.emoji, !reaction.me);
        }}
        onPointerEnter={(e) => e.pointerType === "mouse" && later(() => setOpen(true), showAfterMs)}
        onPointerLeave={hide}
        onFocus={() => later(() => setOpen(true), showAfterMs)}
        onBlur={hide}
        onPointerDown={(e) => {
          if (e.pointerType === "touch")
            later(() => {
              pressed.current = true;
              setOpen(true);
            }, longPressMs);
        }}
        onPointerUp={(e) => {
          // A tap shorter than a long press is a click; it must not open the list later.
          if (e.pointerType === "touch" && !open && timer.current) clearTimeout(timer.current);
        }}
        onContextMenu={(e) => e.preventDefault()}
      >
        <span class="chip-emoji" aria-hidden="true">
          {reaction.emoji}
        </span>
        <span class="chip-count" aria-hidden="true">
          {reaction.count}
        </span>
      </button>
      {open && names && (
        <span role="tooltip" id={id} class="who">
          <span class="who-emoji" aria-hidden="true">
            {reaction.emoji}
          </span>{" "}
          {names.join(", ")}
        </span>
      )}
    </span>
  );
}

export function Reactions({ seq, rev, reactions }: { seq: number; rev: number; reactions: Reaction[] }) {
  return (
    <div class="reactions" role="group" aria-label={t("reactions.label")}>
      {reactions.map((r) => (
        <Chip key={r.emoji} seq={seq} rev={rev} reaction={r} />
      ))}
    </div>
  );
}
