// The in-app picture viewer: a modal <dialog> over the chat with the picture at full size, its
// name, "n of m", a download link, and previous/next through every picture of the loaded
// history. Esc closes (the dialog's own cancel), the arrow keys step, and focus goes back to
// the picture that opened it.
import type { ReadonlySignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Attachment, Message } from "#protocol";
import { t } from "../../i18n/index.ts";
import { chatImages } from "./gallery.ts";
import { Glyph } from "./icons.tsx";
import { ViewerContext, type ViewerApi } from "./viewerContext.ts";

interface Open {
  id: string;
  /** The picture itself, for one not in the history yet (a message still sending). */
  picture: Attachment;
  from: HTMLElement;
}

export function MediaViewer({ messages, children }: { messages: ReadonlySignal<Message[]>; children: ComponentChildren }) {
  const [open, setOpen] = useState<Open | null>(null);
  const api = useMemo<ViewerApi>(() => ({ open: (picture, from) => setOpen({ id: picture.id, picture, from }) }), []);

  // Read only while open, so a new message re-renders this only when someone is looking.
  let list = open ? chatImages(messages.value) : [];
  let index = open ? list.findIndex((p) => p.id === open.id) : -1;
  if (open && index < 0) {
    list = [open.picture];
    index = 0;
  }

  return (
    <ViewerContext.Provider value={api}>
      {children}
      {open && (
        <ViewerDialog list={list} index={index} returnTo={open.from} onStep={(i) => setOpen({ ...open, id: list[i]!.id, picture: list[i]! })} onClose={() => setOpen(null)} />
      )}
    </ViewerContext.Provider>
  );
}

interface DialogProps {
  list: Attachment[];
  index: number;
  returnTo: HTMLElement;
  onStep: (i: number) => void;
  onClose: () => void;
}

function ViewerDialog({ list, index, returnTo, onStep, onClose }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const picture = list[index]!;
  const hasPrev = index > 0;
  const hasNext = index < list.length - 1;

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  function close() {
    // Focus can leave a modal dialog only once it is closed, so close it before the re-render
    // removes it. The picture's element survives re-renders (keyed by id); if its message
    // went meanwhile, there is nothing to return to.
    ref.current?.close();
    if (returnTo.isConnected) returnTo.focus();
    onClose();
  }

  return (
    <dialog
      ref={ref}
      class="viewer"
      aria-label={t("media.viewer", { i: index + 1, n: list.length })}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onKeyDown={(e) => {
        if (e.key === "ArrowLeft" && hasPrev) onStep(index - 1);
        else if (e.key === "ArrowRight" && hasNext) onStep(index + 1);
        else return;
        e.preventDefault();
      }}
      onClick={(e) => {
        // A click on the dark area around the picture closes, like the backdrop of a dialog.
        if (e.target === e.currentTarget || (e.target as HTMLElement).classList.contains("viewer-stage")) close();
      }}
    >
      <header class="viewer-bar">
        <span class="viewer-name" title={picture.name}>
          {picture.name}
        </span>
        <span class="viewer-count">{t("media.viewer", { i: index + 1, n: list.length })}</span>
        <a class="icon-btn" href={picture.url} download={picture.name} aria-label={t("media.downloadFile", { name: picture.name })} title={t("media.download")}>
          <Glyph name="download" />
        </a>
        <button type="button" class="icon-btn" aria-label={t("dialog.close")} title={t("dialog.close")} onClick={close}>
          <Glyph name="close" />
        </button>
      </header>
      <div class="viewer-stage">
        <img key={picture.id} src={picture.url} alt={picture.name} width={picture.width ?? undefined} height={picture.height ?? undefined} />
        <button type="button" class="viewer-step prev" aria-label={t("media.prev")} disabled={!hasPrev} onClick={() => onStep(index - 1)}>
          <Glyph name="prev" size={32} />
        </button>
        <button type="button" class="viewer-step next" aria-label={t("media.next")} disabled={!hasNext} onClick={() => onStep(index + 1)}>
          <Glyph name="next" size={32} />
        </button>
      </div>
    </dialog>
  );
}
