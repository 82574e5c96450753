// Dropping files onto the chat: while files are dragged over it the chat shows where they will
// go; dropping hands them to the upload strip. Text and links dragged around are left alone.
import type { DragEventHandler } from "preact";
import { useRef, useState } from "preact/hooks";
import { t } from "../../i18n/index.ts";

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") ?? false;

/** Handlers for the drop target, and the overlay to show inside it. `onFiles` null: no drops
 * (someone reading a chat they have not joined). */
export function useFileDrop(onFiles: ((files: File[]) => void) | null) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when it really left.
  const depth = useRef(0);

  const handlers: Partial<Record<"onDragEnter" | "onDragOver" | "onDragLeave" | "onDrop", DragEventHandler<HTMLElement>>> = onFiles
    ? {
        onDragEnter: (e) => {
          if (!carriesFiles(e)) return;
          e.preventDefault();
          depth.current += 1;
          setOver(true);
        },
        onDragOver: (e) => {
          if (!carriesFiles(e)) return;
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
        },
        onDragLeave: (e) => {
          if (!carriesFiles(e)) return;
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setOver(false);
        },
        onDrop: (e) => {
          if (!carriesFiles(e)) return;
          e.preventDefault();
          depth.current = 0;
          setOver(false);
          const files = [...(e.dataTransfer?.files ?? [])];
          if (files.length) onFiles(files);
        },
      }
    : {};

  const overlay = over ? (
    <div class="drop-overlay" aria-hidden="true">
      <p>{t("media.drop")}</p>
    </div>
  ) : null;

  return { handlers, overlay };
}
