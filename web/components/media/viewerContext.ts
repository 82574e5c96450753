// How a picture in the history asks for the viewer: the chat view provides it (MediaViewer.tsx),
// so the bubbles between need not pass it down.
import { createContext } from "preact";
import type { Attachment } from "#protocol";

export interface ViewerApi {
  /** Shows `picture`; focus goes back to `from` when the viewer closes. */
  open(picture: Attachment, from: HTMLElement): void;
}

export const ViewerContext = createContext<ViewerApi | null>(null);
