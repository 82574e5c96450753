// Enter sends, Shift+Enter starts a new line; an IME composition's Enter is left alone.
import { useEffect, useRef, useState } from "preact/hooks";
import { limits } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";

export function Composer({ model }: { model: OpenChatModel }) {
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    // Ready to type on opening a chat, with a mouse; on a touch screen that would pop up
    // the keyboard over the history the user came to read.
    if (matchMedia("(pointer: fine)").matches) ref.current?.focus();
  }, []);

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
      <textarea
        ref={ref}
        name="message"
        rows={1}
        placeholder={t("composer.placeholder")}
        aria-label={t("composer.placeholder")}
        title={t("composer.hint")}
        maxLength={limits.bodyMax}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          model.typed();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button class="send" type="submit" aria-label={t("composer.send")} title={t("composer.send")} disabled={!text.trim()}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
        </svg>
      </button>
    </form>
  );
}
