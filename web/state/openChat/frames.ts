// Where each frame of the chat's socket goes: one exhaustive switch over the room's frames
// that hands each to the part of the open chat it concerns (openChat.ts makes the parts; the
// socket itself is link.ts). Kept apart so the model holds the composition and this file the
// routing, and a new frame type fails to compile here until it is placed.
import { batch, type ReadonlySignal, type Signal } from "@preact/signals";
import type { ServerFrame, User } from "#protocol";
import type { ChatListModel } from "../chatList.ts";
import type { MessageActionsModel } from "./actions.ts";
import type { ChatHistoryModel } from "./history.ts";
import type { Roster } from "./roster.ts";
import type { SendingModel } from "./sending.ts";
import type { TypingTracker } from "./typing.ts";

/** The open chat's parts a frame can reach. */
export interface FrameTargets {
  chatId: string;
  meId: string;
  history: ChatHistoryModel;
  sending: SendingModel;
  actions: MessageActionsModel;
  roster: Roster;
  typers: TypingTracker;
  list: ChatListModel;
  /** Who is online in the chat. */
  online: Signal<string[]>;
  /** Bumped with every read-mark frame: an open "read by" list fetches again. */
  readTick: Signal<number>;
  live: ReadonlySignal<boolean>;
  /** The chat is a direct one (a refusal there may mean it closed). */
  direct: () => boolean;
  /** Moves the user's read mark if they can see the newest message (readMarks.ts). */
  markRead: () => void;
  /** Re-reads the chat and its members over HTTP. */
  refresh: () => void;
  profileChanged: (user: User) => void;
}

export function routeFrame(frame: ServerFrame, to: FrameTargets): void {
  const { history, sending, roster, list } = to;
  switch (frame.type) {
    case "reset":
      history.reset(frame.rev);
      return;
    case "ready":
      history.saw(frame.rev);
      to.online.value = frame.online;
      sending.flush();
      history.catchUp(frame.lastSeq);
      to.markRead();
      return;
    case "message": {
      const m = frame.message;
      history.received(m, to.live.value);
      list.noteMessage(to.chatId, m, to.meId);
      if (m.sender) to.typers.stopped(m.sender.id);
      if (m.kind === "system") to.refresh();
      to.markRead();
      return;
    }
    case "edited":
      history.edited(frame.message);
      return;
    case "deleted":
      history.deleted(frame.seq, frame.rev);
      return;
    case "reactions":
      history.reacted(frame.seq, frame.reactions, frame.rev);
      return;
    case "ack":
      // Not a rev bump: the `message` frame that follows is what the history needs, and
      // if the socket drops first, catch-up from the old rev brings it.
      sending.acked(frame.clientId);
      return;
    case "typing":
      if (frame.user.id !== to.meId) to.typers.saw(frame.user);
      return;
    case "presence":
      to.online.value = frame.online;
      return;
    case "read":
      roster.read(frame.userId, frame.seq);
      to.readTick.value += 1;
      return;
    case "reads":
      batch(() => {
        for (const r of frame.reads) roster.read(r.userId, r.seq);
        to.readTick.value += 1;
      });
      return;
    case "profile":
      to.profileChanged(frame.user);
      list.profileChanged(frame.user);
      return;
    case "error":
      // Refused in a direct chat: it may have closed (the other person blocked the user);
      // the chat's detail says so, and the composer gives way to the reason.
      if (frame.code === "forbidden" && to.direct()) to.refresh();
      if (frame.clientId) sending.refused(frame.clientId, frame.code);
      else to.actions.refused(frame.code);
      return;
    default: {
      const never: never = frame;
      return never;
    }
  }
}
