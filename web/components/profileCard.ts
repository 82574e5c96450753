// Who may open a profile card: any view that shows a person (a sender in the history, a member
// in the chat info) gets the opener from this context rather than through every component
// between it and the page. The page provides the account's `people.show`.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { User } from "#protocol";
import { t } from "../i18n/index.ts";

export const ProfileCardOpener = createContext<((user: User) => void) | null>(null);

export const useProfileCard = () => useContext(ProfileCardOpener);

/** A person's name as the reader sees it: a deleted account in the reader's language. */
/** A chat's name as the reader sees it: a direct chat with a deleted account says so in the
 * reader's language (the server's name for it is English). */
export const chatName = (chat: { name: string; peer: Pick<User, "deleted"> | null }): string => (chat.peer?.deleted ? t("people.deleted") : chat.name);

export const personName = (user: Pick<User, "displayName" | "deleted">): string => (user.deleted ? t("people.deleted") : user.displayName);
