// The composer's Attach button: opens the system's file picker (several files at once).
import { useRef } from "preact/hooks";
import { t } from "../../i18n/index.ts";
import { Glyph } from "./icons.tsx";

export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button class="attach" type="button" aria-label={t("media.attach")} title={t("media.attach")} onClick={() => input.current?.click()}>
        <Glyph name="attach" size={24} />
      </button>
      <input
        ref={input}
        class="visually-hidden"
        type="file"
        name="attach"
        multiple
        // Out of sight and of the tab order (the button above opens it), yet named, like
        // every input.
        tabIndex={-1}
        aria-hidden="true"
        aria-label={t("media.attach")}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          // Cleared, so picking the same file again is a change too.
          e.currentTarget.value = "";
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
