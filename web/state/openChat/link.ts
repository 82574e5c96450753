// The open chat's socket, from the model's side: opened once the chat is loaded and the user
// is a member (the room refuses other sockets), live from the room's `ready` until the socket
// drops (meanwhile the outbox keeps what is typed), and closed for good when the chat is
// over for this user or the model is disposed. Reconnecting and catch-up are the socket's own
// (realtime/chatSocket.ts).
import { batch, createModel, signal } from "@preact/signals";
import type { ClientFrame, ServerFrame } from "#protocol";
import type { ChatEnd } from "../../realtime/chatSocket.ts";
import type { ChatChannel, IO } from "../io.ts";

export interface LinkEvents {
  /** The highest rev applied so far; read at every (re)connect. */
  rev: () => number;
  onFrame: (frame: ServerFrame) => void;
  /** The chat is over for this user (removed, deleted, gone, signed out). */
  onEnd: (why: ChatEnd) => void;
}

export const ChatLink = createModel((chatId: string, openSocket: IO["openChatSocket"], events: LinkEvents) => {
  const live = signal(false);
  let socket: ChatChannel | null = null;

  /** Opens the socket, once. */
  function open(): void {
    socket ??= openSocket(chatId, {
      rev: events.rev,
      onFrame: (frame) =>
        batch(() => {
          if (frame.type === "ready") live.value = true;
          events.onFrame(frame);
        }),
      onDown: () => {
        live.value = false;
      },
      onEnd: (why) =>
        batch(() => {
          if (why !== "session_ended") live.value = false;
          events.onEnd(why);
        }),
    });
  }

  return {
    live,

    isOpen: (): boolean => socket !== null,

    open,

    /** False while the socket is not open; the caller keeps what it could not send. */
    send: (frame: ClientFrame): boolean => socket?.send(frame) ?? false,

    /** A new socket after the room closed this one as the oldest of too many (4409). */
    reopen: (): void => {
      socket?.stop();
      socket = null;
      open();
    },

    stop: (): void => {
      socket?.stop();
    },
  };
});
