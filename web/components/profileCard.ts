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
export const personName = (user: Pick<User, "displayName" | "deleted">): string => (user.deleted ? t("people.deleted") : user.displayName);
