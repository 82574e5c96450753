// A modal built on <dialog>: the browser gives focus trapping, Escape and the backdrop.
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/index.ts";

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Stands in for a dialog whose chunk is loading (lazy.tsx): the dialog that replaces it
   * gives the focus back to what opened this one, not to something inside it. */
  standIn?: boolean;
}

/** What opened the stand-in dialog on screen, if one is. */
let standInOpener: Element | null | undefined;

/** What has the focus, unless a stand-in is being replaced: then what opened the stand-in.
 * (Preact removes the stand-in's elements, so the focus falls to <body>, before it renders
 * the dialog that replaces it, and only then runs the stand-in's cleanup.) */
function currentOpener(): Element | null {
  const active = document.activeElement;
  const replacing = !active || active === document.body || !!active.closest("dialog[data-stand-in]");
  return replacing && standInOpener !== undefined ? standInOpener : active;
}

export function Dialog({ title, onClose, children, standIn = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering, before a field inside the dialog takes the focus (autofocus).
  const [opener] = useState(currentOpener);
  /** Gives the focus back to what opened the dialog (a keyboard user continues from there).
   * Gone openers (a menu item) are skipped; their owner decides. */
  const giveFocusBack = () => {
    if (opener instanceof HTMLElement && opener.isConnected && !opener.contains(document.activeElement)) opener.focus();
  };
  const unmounted = useRef(false);
  // Opened in the same task as it is rendered, before the browser paints or runs anything
  // else: a dialog that replaces a stand-in (lazy.tsx) takes the focus in the very task that
  // removed the stand-in, so the focus is never seen resting on the page in between.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    if (standIn) standInOpener = opener;
    return () => {
      if (standIn && standInOpener === opener) standInOpener = undefined;
      unmounted.current = true;
      el?.close();
      // A dialog closed by unmounting does not get the browser's focus restore.
      giveFocusBack();
    };
  }, [opener]);
  return (
    <dialog
      ref={ref}
      class="dialog"
      data-stand-in={standIn || undefined}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // Chromium may close the dialog on Escape by itself (a cancel it does not let the page
      // refuse): the focus goes back at once, not when the owner unmounts the dialog later.
      onClose={() => {
        if (unmounted.current) return;
        giveFocusBack();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (e.target === ref.current) onClose();
      }}
    >
      <div class="dialog-body">
        <header class="dialog-head">
          <h2>{title}</h2>
          <button type="button" class="icon-btn" aria-label={t("dialog.close")} onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
