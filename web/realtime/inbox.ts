// The inbox socket (`/api/events`, docs/api.md "Inbox socket"): keeps the chat list and the
// invitations live for chats the user is not looking at. One per tab, while signed in; the
// signed-in model (state/account.ts) opens it and applies its frames.
//
// On every (re)connect the list is reloaded over HTTP (frames missed while away are not
// replayed); frames that arrive during that reload are held and applied after it, so a
// snapshot taken a moment earlier cannot overwrite them.
import { closeCodes, inboxFrame, type InboxFrame } from "#protocol";
import { parseFrame, ReconnectingSocket, wsUrl } from "./socket.ts";

export interface InboxHandlers {
  /** Reloads what the inbox keeps live (chat list, invitations) after each (re)connect. */
  resync: () => Promise<unknown>;
  onFrame: (frame: InboxFrame) => void;
  /** The server ended the session (close 4401): stop for good. */
  onEnd: () => void;
}

/**
 * Holds frames while a snapshot loads and applies them after it, in arrival order. A
 * reconnect during a reload starts another one: frames wait for the newest snapshot, since an
 * older one finishing must not let them through while a newer one may still overwrite them.
 * A failed reload releases them too (they are newer than anything on screen).
 */
export class SnapshotGate<F> {
  readonly #apply: (frame: F) => void;
  #held: F[] | null = null;
  #generation = 0;

  constructor(apply: (frame: F) => void) {
    this.#apply = apply;
  }

  resync(load: () => Promise<unknown>): void {
    const mine = ++this.#generation;
    this.#held ??= [];
    void load()
      .catch(() => undefined)
      .then(() => {
        if (mine !== this.#generation) return;
        const frames = this.#held ?? [];
        this.#held = null;
        frames.forEach(this.#apply);
      });
  }

  push(frame: F): void {
    if (this.#held) this.#held.push(frame);
    else this.#apply(frame);
  }

  /** Nothing held is applied after this (the socket is gone for good). */
  close(): void {
    this.#generation += 1;
    this.#held = null;
  }
}

export function connectInbox(handlers: InboxHandlers): { stop(): void } {
  const gate = new SnapshotGate(handlers.onFrame);
  const socket = new ReconnectingSocket({
    url: () => wsUrl("/api/events"),
    onOpen: () => {
      socket.markHealthy();
      gate.resync(handlers.resync);
    },
    onMessage: (data) => {
      const frame = parseFrame(data, inboxFrame, "an inbox frame");
      if (frame) gate.push(frame);
    },
    onClose: (code) => {
      // The oldest of more than 20 tabs (4409): reconnecting would only close the next oldest
      // in turn, so this tab's list stops being live; opening a chat or reloading starts over.
      if (code === closeCodes.replaced) return "stop";
      if (code !== closeCodes.sessionEnded) return "retry";
      handlers.onEnd();
      return "stop";
    },
  });
  return {
    stop: () => {
      gate.close();
      socket.stop();
    },
  };
}
