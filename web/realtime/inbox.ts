// The inbox socket (`/api/events`): keeps the chat list and the invitations live for chats
// the user is not looking at. One per tab, while signed in.
//
// On every (re)connect the list is reloaded over HTTP (frames missed while away are not
// replayed); frames that arrive during that reload are held and applied after it, so a
// snapshot taken a moment earlier cannot overwrite them.
import { inboxFrame, type InboxFrame } from "#protocol";
import * as chats from "../state/chats.ts";
import * as invites from "../state/invites.ts";
import { parseFrame, ReconnectingSocket, wsUrl } from "./socket.ts";
import { sessionEnded } from "../state/session.ts";
import { closeCodes } from "#protocol";

function apply(frame: InboxFrame): void {
  switch (frame.type) {
    case "chat":
      chats.upsert(frame.chat);
      return;
    case "chat_removed":
      chats.remove(frame.chatId);
      return;
    case "invite":
      invites.add(frame.invite);
      return;
    case "invite_removed":
      invites.remove(frame.id);
      return;
    default: {
      const never: never = frame;
      return never;
    }
  }
}

export function connectInbox(): () => void {
  let held: InboxFrame[] | null = null;
  const socket = new ReconnectingSocket({
    url: () => wsUrl("/api/events"),
    onOpen: () => {
      socket.markHealthy();
      held = [];
      void Promise.all([chats.reload(), invites.reload()]).finally(() => {
        const frames = held ?? [];
        held = null;
        frames.forEach(apply);
      });
    },
    onMessage: (data) => {
      const frame = parseFrame(data, inboxFrame, "an inbox frame");
      if (!frame) return;
      if (held) held.push(frame);
      else apply(frame);
    },
    onClose: (code) => {
      if (code !== closeCodes.sessionEnded) return "retry";
      sessionEnded();
      return "stop";
    },
  });
  return () => socket.stop();
}
