// What the history's messages share, given by History.tsx through a context so that the
// history's blocks and bubbles need no extra props: the open chat, who is looking, which
// message holds the keyboard focus (one at a time is in the tab order), and how to open a
// message's menu.
import { createContext } from "preact";
import type { User } from "#protocol";
import type { OpenChatModel } from "../state/openChat/openChat.ts";

/** Where a menu opens: at a pointer, or beside the element it belongs to. */
export type MenuAnchor = { x: number; y: number } | HTMLElement;

export interface MessageUi {
  model: OpenChatModel;
  me: User;
  /** The message in the tab order (the last focused, or the newest). */
  focusSeq: number | null;
  setFocusSeq(seq: number): void;
  openMenu(seq: number, at: MenuAnchor): void;
}

export const MessageUiContext = createContext<MessageUi | null>(null);
