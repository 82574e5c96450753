// How a bubble answers to a person: the menu opens by right-click, by a long press on a touch
// screen, and from the keyboard (Enter, the context-menu key or Shift+F10 on the focused
// message). Only one message is in the tab order at a time; the arrow keys move between them
// (History.tsx).
import { useContext, useRef } from "preact/hooks";
import { MessageUiContext } from "./messageUi.ts";

const longPressMs = 500;
const moveTolerancePx = 10;

export function useMessageTarget(seq: number | null) {
  const ui = useContext(MessageUiContext);
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; x: number; y: number } | null>(null);
  if (!ui || seq === null) return {};

  const cancel = () => {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  };

  return {
    tabIndex: ui.focusSeq === seq ? 0 : -1,
    "aria-keyshortcuts": "Enter Shift+F10",
    onFocus: () => ui.setFocusSeq(seq),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === "Enter" || e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) {
        e.preventDefault();
        ui.openMenu(seq, e.currentTarget as HTMLElement);
      }
    },
    onContextMenu: (e: MouseEvent) => {
      // Links and selected text keep the browser's own menu.
      if ((e.target as HTMLElement).closest("a") || String(getSelection() ?? "")) return;
      e.preventDefault();
      cancel();
      ui.openMenu(seq, { x: e.clientX, y: e.clientY });
    },
    onPointerDown: (e: PointerEvent) => {
      if (e.pointerType !== "touch") return;
      const { clientX: x, clientY: y } = e;
      cancel();
      press.current = { x, y, timer: setTimeout(() => ui.openMenu(seq, { x, y }), longPressMs) };
    },
    onPointerMove: (e: PointerEvent) => {
      const p = press.current;
      if (p && Math.hypot(e.clientX - p.x, e.clientY - p.y) > moveTolerancePx) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
  };
}
