// Dialogs and the message menu, each a chunk fetched on first use (see lazy.tsx): none of them
// is part of the first screen. While a dialog's chunk loads, the dialog itself is already open
// with its title and a skeleton; the menu draws nothing for those few milliseconds (a menu
// that pops up empty would flicker), and History prefetches it once the chat is shown, so it
// is normally there before anyone asks for it.
import type { ComponentChildren } from "preact";
import type { Message, User } from "#protocol";
import { t } from "../i18n/index.ts";
import type { ChatListModel } from "../state/chatList.ts";
import type { OpenChatModel } from "../state/openChat/openChat.ts";
import type { PeopleModel } from "../state/people.ts";
import { Dialog } from "./Dialog.tsx";
import { lazy, LoadFailed, type LoadState } from "./lazy.tsx";
import type { Props as MenuProps } from "./MessageMenu.tsx";
import { LinesSkeleton } from "./Skeleton.tsx";

/** The dialog, open, with what is coming (or why it did not come). */
function Pending({ title, onClose, failed, retry, children }: LoadState & { title: string; onClose: () => void; children?: ComponentChildren }) {
  return (
    <Dialog title={title} onClose={onClose} standIn>
      {failed ? <LoadFailed retry={retry} /> : (children ?? <LinesSkeleton lines={3} />)}
    </Dialog>
  );
}

type OnClose = { onClose: () => void };
type MessageDialogProps = { message: Message; model: OpenChatModel } & OnClose;

export const LazyNewChatDialog = lazy<{ chats: ChatListModel } & OnClose>(
  () => import("./NewChatDialog.tsx").then((m) => m.NewChatDialog),
  (p) => <Pending title={t("chats.newTitle")} {...p} />,
).Component;

export const LazyInviteDialog = lazy<{ model: OpenChatModel } & OnClose>(
  () => import("./InviteDialog.tsx").then((m) => m.InviteDialog),
  (p) => <Pending title={t("chat.inviteTitle")} {...p} />,
).Component;

export const LazyProfileCard = lazy<{ user: User; me: User; people: PeopleModel }>(
  () => import("./ProfileCard.tsx").then((m) => m.ProfileCard),
  (p) => <Pending title={t("people.cardTitle")} onClose={p.people.close} failed={p.failed} retry={p.retry} />,
).Component;

const messageDialogs = () => import("./MessageDialogs.tsx");

export const LazyDeleteMessage = lazy<MessageDialogProps>(
  () => messageDialogs().then((m) => m.DeleteMessage),
  (p) => <Pending title={t("actions.deleteTitle")} {...p} />,
).Component;

export const LazyMessageInfo = lazy<MessageDialogProps>(
  () => messageDialogs().then((m) => m.MessageInfo),
  (p) => <Pending title={t("readers.title")} {...p} />,
).Component;

const menu = lazy<MenuProps>(
  () => import("./MessageMenu.tsx").then((m) => m.MessageMenu),
  (p) => (p.failed ? <Pending title={t("actions.open")} onClose={() => p.onClose(true)} failed retry={p.retry} /> : null),
);

export const LazyMessageMenu = menu.Component;
export const prefetchMessageMenu = menu.prefetch;
