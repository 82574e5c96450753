// What can be done to a message once it is in the history: edit, delete and react. They go
// out as frames on the chat's socket while it is live (like sends, they share the room's
// order and its refusals), and over HTTP while it is not (just opened, reconnecting): the
// room is the same either way. Every open window learns the result from the room's
// `edited`, `deleted` and `reactions` frames, this one included (live or in catch-up), so
// nothing changes here before the room says so. A refusal (an error frame without a
// clientId, or an HTTP error) shows as a notice. Who reacted and who has read a message are
// fetched when someone looks.
import { createModel, signal } from "@preact/signals";
import type { ClientFrame } from "#protocol";
import { ApiError } from "../../api/errors.ts";
import type { Api } from "../io.ts";
import type { Link } from "./sending.ts";

type Change = Extract<ClientFrame, { type: "edit" | "delete" | "react" }>;

export const MessageActions = createModel((chatId: string, api: Api["messages"], link: Link) => {
  /** Why the last action did not happen: an API error code, or "network" (not connected). */
  const notice = signal<string | null>(null);

  function http(change: Change): Promise<unknown> {
    switch (change.type) {
      case "edit":
        return api.edit(chatId, change.seq, change.body);
      case "delete":
        return api.remove(chatId, change.seq);
      case "react":
        return api.react(chatId, change.seq, change.emoji, change.on);
    }
  }

  /** True when the change went out (its result comes back from the room). */
  function out(change: Change): boolean {
    notice.value = null;
    if (link.live.value && link.send(change)) return true;
    http(change).catch((e: unknown) => {
      notice.value = e instanceof ApiError ? e.code : "network";
    });
    return true;
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
