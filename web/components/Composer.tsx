// Enter sends, Shift+Enter starts a new line; an IME composition's Enter is left alone. The
// text is the chat's draft (state/openChat/compose.ts): it stays when switching chats and
// across reloads. Esc cancels a reply or an edit; the Up arrow in an empty box edits the
// user's last message. With files in the strip (media/UploadStrip.tsx) the text is their
// caption (and a reply goes with them); files come from the Attach button, a paste, or a drop
// onto the chat (ChatView).
import { useEffect, useRef, useState } from "preact/hooks";
import { limits } from "#protocol";
import { t } from "../i18n/index.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import { ComposeBar } from "./ComposeBar.tsx";
import { AttachButton } from "./media/AttachButton.tsx";
import { UserAvatar } from "./Avatar.tsx";
import { insertMention, suggestMentions } from "./mentionSuggest.ts";

export function Composer({ model }: { model: OpenChatModel }) {
  const { compose } = model;
  const text = compose.text.value;
  const editing = compose.editing.value;
  const replying = compose.reply.value;
  const ref = useRef<HTMLTextAreaElement>(null);
  // "@" suggestions: where the caret is, which one is chosen, and whether Esc closed them.
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const found = suggestMentions(text, caret, model.roster.members.value, model.me.value.id);
  const suggestion = found && dismissed !== found.start ? found : null;
  const chosen = suggestion ? Math.min(active, suggestion.users.length - 1) : 0;
  const trackCaret = (el: HTMLTextAreaElement) => setCaret(el.selectionEnd ?? el.value.length);

  function pick(username: string) {
    const el = ref.current;
    if (!el || !suggestion) return;
    const next = insertMention(text, suggestion.start, caret, username);
    // Written into the box at once, caret included: a key typed right after the choice must
    // land after the name, not in a value Preact has yet to write.
    el.value = next.text;
    el.setSelectionRange(next.caret, next.caret);
    compose.type(next.text);
    setCaret(next.caret);
    setActive(0);
    el.focus();
  }

  useEffect(() => {
    // Ready to type on opening a chat, with a mouse; on a touch screen that would pop up
    // the keyboard over the history the user came to read.
    if (matchMedia("(pointer: fine)").matches) ref.current?.focus();
  }, []);

  // An edit changes only the text: the strip's files wait for the next message.
  const files = model.uploads.count.value;
  const withFiles = !editing && files > 0;

  // Choosing Reply or Edit in a message's menu puts the caret here, at the end.
  useEffect(() => {
    const el = ref.current;
    if (!el || (!editing && !replying)) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [editing?.seq, replying?.seq]);

  function send() {
    compose.submit();
    ref.current?.focus();
  }

  const label = editing ? t("edit.save") : t("composer.send");
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <ComposeBar compose={compose} onCancel={() => (compose.cancel(), ref.current?.focus())} />
      <AttachButton onFiles={model.uploads.add} />
      {suggestion && (
        <ul class="mention-list" id="mention-list" role="listbox" aria-label={t("composer.mentions")}>
          {suggestion.users.map((u, i) => (
            <li
              key={u.id}
              id={`mention-${u.id}`}
              role="option"
              aria-selected={i === chosen}
              class={i === chosen ? "mention-option active" : "mention-option"}
              // Keep the caret in the text box: choose on mousedown, before it would blur.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(u.username);
              }}
            >
              <UserAvatar user={u} size="sm" />
              <span class="mention-name">{u.displayName}</span>
              <span class="muted">@{u.username}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea
        ref={ref}
        name="message"
        rows={1}
        placeholder={withFiles ? t("media.caption") : t("composer.placeholder")}
        aria-label={t("composer.placeholder")}
        title={t("composer.hint")}
        maxLength={limits.bodyMax}
        value={text}
        aria-autocomplete="list"
        aria-controls={suggestion ? "mention-list" : undefined}
        aria-activedescendant={suggestion ? `mention-${suggestion.users[chosen]?.id}` : undefined}
        onInput={(e) => {
          compose.type(e.currentTarget.value);
          trackCaret(e.currentTarget);
          setActive(0);
          setDismissed(null);
          if (!editing) model.typed();
        }}
        onKeyUp={(e) => {
          if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") trackCaret(e.currentTarget);
        }}
        onClick={(e) => trackCaret(e.currentTarget)}
        onPaste={(e) => {
          // A copied picture or file: into the strip, not as text.
          const files = [...(e.clipboardData?.files ?? [])];
          if (!files.length) return;
          e.preventDefault();
          model.uploads.add(files);
        }}
        onKeyDown={(e) => {
          if (suggestion && !e.isComposing) {
            const n = suggestion.users.length;
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setActive((chosen + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
              return;
            }
            if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") {
              e.preventDefault();
              pick(suggestion.users[chosen]!.username);
              return;
            }
            if (e.key === "Escape") {
              e.preventDefault();
              setDismissed(suggestion.start);
              return;
            }
          }
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          } else if (e.key === "Escape" && (editing || replying)) {
            e.preventDefault();
            compose.cancel();
          } else if (e.key === "ArrowUp" && !e.currentTarget.value && compose.editLast()) {
            e.preventDefault();
          }
        }}
      />
      <button class="send" type="submit" aria-label={label} title={label} disabled={!text.trim() && !withFiles}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          {editing ? (
            <path fill="currentColor" d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
          ) : (
            <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
          )}
        </svg>
      </button>
    </form>
  );
}
