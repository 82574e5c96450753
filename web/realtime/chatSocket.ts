// The socket of one open chat (docs/api.md "Chat socket"). It knows the protocol, not the UI:
// frames are validated with the shared schema and handed to the chat model one by one.
//
// Catch-up: every attempt connects with `?since=<rev>`, where rev is the highest revision
// the model has applied. The room replays what came after and then sends `ready`; only
// after `ready` is the chat live and the outbox flushed, so resent messages land after
// everything the user has already seen.
import { closeCodes, serverFrame, type ClientFrame, type ServerFrame } from "#protocol";
import { chats as chatsApi } from "../api/endpoints.ts";
import { isApiError } from "../api/errors.ts";
import { parseFrame, ReconnectingSocket, wsUrl } from "./socket.ts";

/**
 * Why the chat's socket stopped for good. "replaced": this user opened more sockets in the chat
 * than the room allows (close 4409) and this was the oldest; reconnecting by itself would
 * only close the next oldest, so the person chooses where to keep the chat live.
 */
export type ChatEnd = "removed" | "deleted" | "not_found" | "session_ended" | "replaced";

export interface ChatSocketHandlers {
  /** The highest rev applied so far; read at every (re)connect. */
  rev: () => number;
  onFrame: (frame: ServerFrame) => void;
  /** The socket went away and will be retried; the model is not live until the next `ready`. */
  onDown: () => void;
  /** The chat is gone for this user: stop for good. */
  onEnd: (why: ChatEnd) => void;
}

export class ChatSocket {
  private readonly socket: ReconnectingSocket;

  constructor(chatId: string, handlers: ChatSocketHandlers) {
    const path = `/api/chats/${encodeURIComponent(chatId)}/ws`;
    this.socket = new ReconnectingSocket({
      // reads=batch: the room sends the read marks that moved as one `reads` frame per interval.
      url: () => wsUrl(`${path}?since=${handlers.rev()}&reads=batch`),
      onMessage: (data) => {
        const frame = parseFrame(data, serverFrame, "a frame");
        if (!frame) return;
        if (frame.type === "ready") this.socket.markHealthy();
        handlers.onFrame(frame);
      },
      onDown: handlers.onDown,
      onClose: (code) => {
        const end = endOf(code);
        if (!end) return "retry";
        handlers.onEnd(end);
        return "stop";
      },
      // The upgrade was refused and the browser won't say why: ask the HTTP API.
      probe: async () => {
        try {
          await chatsApi.get(chatId);
          return "retry";
        } catch (e) {
          if (isApiError(e, "not_found")) handlers.onEnd("not_found");
          else if (isApiError(e, "unauthenticated")) handlers.onEnd("session_ended");
          else return "retry";
          return "stop";
        }
      },
    });
  }

  /** False when the socket is not open; the caller keeps what it could not send. */
  send(frame: ClientFrame): boolean {
    return this.socket.send(JSON.stringify(frame));
  }

  stop(): void {
    this.socket.stop();
  }
}

/** What a close code means for this chat; null for the ones worth reconnecting after. */
export function endOf(code: number): ChatEnd | null {
  switch (code) {
    case closeCodes.sessionEnded:
      return "session_ended";
    case closeCodes.removed:
      return "removed";
    case closeCodes.chatDeleted:
      return "deleted";
    case closeCodes.replaced:
      return "replaced";
    default:
      return null;
  }
}
