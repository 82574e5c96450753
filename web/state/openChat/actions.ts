// What can be done to a message once it is in the history: edit, delete and react go out as
// frames on the chat's socket (like sends, they share the room's order and its refusals), and
// every open window learns the result from the room's `edited`, `deleted` and `reactions`
// frames, this one included: nothing changes here before the room says so. A refusal (an
// error frame without a clientId) or an action tried while the chat is not live shows as a
// notice. Who reacted and who has read a message are fetched when someone looks.
import { createModel, signal } from "@preact/signals";
import type { ClientFrame } from "#protocol";
import type { Api } from "../io.ts";
import type { Link } from "./sending.ts";

export const MessageActions = createModel((chatId: string, api: Api["messages"], link: Link) => {
  /** Why the last action did not happen: an API error code, or "network" (not connected). */
  const notice = signal<string | null>(null);

  function out(frame: ClientFrame): boolean {
    if (link.live.value && link.send(frame)) {
      notice.value = null;
      return true;
    }
    notice.value = "network";
    return false;
  }

  return {
    notice,

    edit: (seq: number, body: string): boolean => out({ type: "edit", seq, body }),
    remove: (seq: number): boolean => out({ type: "delete", seq }),
    react: (seq: number, emoji: string, on: boolean): boolean => out({ type: "react", seq, emoji, on }),

    /** The room refused an action. */
    refused: (code: string): void => {
      notice.value = code;
    },
    dismiss: (): void => {
      notice.value = null;
    },

    reactors: (seq: number) => api.reactors(chatId, seq),
    readers: (seq: number) => api.readers(chatId, seq),
  };
});

export type MessageActionsModel = InstanceType<typeof MessageActions>;
