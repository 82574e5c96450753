// Enter sends, Shift+Enter starts a new line; an IME composition's Enter is left alone.
// With files in the strip (media/UploadStrip.tsx) the text is their caption; files come from
// the Attach button, a paste, or a drop onto the chat (ChatView).
import { useEffect, useRef, useState } from "preact/hooks";
import { limits } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { AttachButton } from "./media/AttachButton.tsx";

export function Composer({ model }: { model: OpenChatModel }) {
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    // Ready to type on opening a chat, with a mouse; on a touch screen that would pop up
    // the keyboard over the history the user came to read.
    if (matchMedia("(pointer: fine)").matches) ref.current?.focus();
  }, []);

  const withFiles = model.uploads.count.value > 0;

  function send() {
    if (model.send(text)) setText("");
    ref.current?.focus();
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <AttachButton onFiles={model.uploads.add} />
      <textarea
        ref={ref}
        name="message"
        rows={1}
        placeholder={withFiles ? t("media.caption") : t("composer.placeholder")}
        aria-label={t("composer.placeholder")}
        title={t("composer.hint")}
        maxLength={limits.bodyMax}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          model.typed();
        }}
        onPaste={(e) => {
          // A copied picture or file: into the strip, not as text.
          const files = [...(e.clipboardData?.files ?? [])];
          if (!files.length) return;
          e.preventDefault();
          model.uploads.add(files);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button class="send" type="submit" aria-label={t("composer.send")} title={t("composer.send")} disabled={!text.trim() && !withFiles}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
        </svg>
      </button>
    </form>
  );
}
