// Glyphs of the media views, drawn rather than typed (system fonts miss many symbols).
import type { FileIcon } from "./gallery.ts";

const paths = {
  attach:
    "M16.5 6.5v10.1a4.5 4.5 0 0 1-9 0V5.8a3 3 0 0 1 6 0v10.3a1.5 1.5 0 0 1-3 0V6.5H9v9.6a3 3 0 0 0 6 0V5.8a4.5 4.5 0 0 0-9 0v10.8a6 6 0 0 0 12 0V6.5z",
  close: "M18.3 5.7 16.9 4.3 12 9.2 7.1 4.3 5.7 5.7 10.6 10.6 5.7 15.5l1.4 1.4 4.9-4.9 4.9 4.9 1.4-1.4-4.9-4.9z",
  prev: "M15.4 7.4 14 6l-6 6 6 6 1.4-1.4L10.8 12z",
  next: "M8.6 16.6 10 18l6-6-6-6-1.4 1.4 4.6 4.6z",
  download: "M5 20h14v-2H5zM19 9h-4V3H9v6H5l7 7z",
  retry: "M17.7 6.3A8 8 0 1 0 19.7 14h-2.1a6 6 0 1 1-1.4-6.2L13 11h7V4z",
  done: "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z",
} as const;

export function Glyph({ name, size = 20 }: { name: keyof typeof paths; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true">
      <path fill="currentColor" d={paths[name]} />
    </svg>
  );
}

const labels: Record<FileIcon, string> = {
  pdf: "PDF",
  archive: "ZIP",
  audio: "AUD",
  video: "VID",
  image: "IMG",
  doc: "DOC",
  sheet: "XLS",
  slides: "PPT",
  text: "TXT",
  file: "",
};

/** A sheet of paper with a folded corner and a short label of the file's kind. */
export function FileGlyph({ kind }: { kind: FileIcon }) {
  return (
    <svg class={`file-glyph file-${kind}`} viewBox="0 0 40 48" width="40" height="48" aria-hidden="true">
      <path class="sheet" d="M4 2h22l10 10v32a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z" />
      <path class="fold" d="M26 2v8a2 2 0 0 0 2 2h8z" />
      <text x="19" y="36" text-anchor="middle">
        {labels[kind]}
      </text>
    </svg>
  );
}
