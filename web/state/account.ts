// Everything of the signed-in user, owned by one model: the chat list, the invitations, the
// search box, the inbox socket and what the right-hand pane shows (the open chat, or an
// invite link's preview). The session (session.ts) makes it at sign-in and disposes it at
// sign-out, and that one dispose closes the user's sockets, stops their timers and listeners
// and empties their state: nothing of theirs survives into the next sign-in on this tab.
//
// Who opens which socket: the account opens the inbox socket at once and keeps it until it is
// disposed; the open chat (openChat/openChat.ts) opens its chat's socket once it has loaded.
import { createModel, effect, signal, untracked } from "@preact/signals";
import type { Attachment, InboxFrame, User } from "#protocol";
import { ChatList } from "./chatList.ts";
import { Invites } from "./invites.ts";
import type { IO } from "./io.ts";
import { JoinLink, type JoinLinkModel } from "./joinLink.ts";
import { dispose, onDispose } from "./lifetime.ts";
import { OpenChat, type OpenChatModel } from "./openChat/openChat.ts";
import { Uploads, type UploadsModel } from "./openChat/uploads.ts";
import { Outbox, outboxKey, sendFrame } from "../realtime/outbox.ts";
import { People } from "./people.ts";
import { AccountData } from "./accountData.ts";
import { forgetThisDevice } from "./deviceData.ts";
import { dropPush, PushSwitch } from "./push.ts";
import { chatPath, type Route } from "./routes.ts";
import { Search } from "./search.ts";
import { Settings, type SettingsModel } from "./settings/settings.ts";
import { Notifications } from "./notifications.ts";

/** What the right-hand pane shows; it follows the address. */
export type Pane =
  | { kind: "none" }
  | { kind: "chat"; chatId: string; chat: OpenChatModel }
  | { kind: "join"; token: string; link: JoinLinkModel }
  | { kind: "settings"; settings: SettingsModel };

/** `meChanged`: the server answered with a new profile of the signed-in user (settings). */
export const Account = createModel((me: User, io: IO, sessionEnded: () => void, meChanged: (user: User) => void = () => {}) => {
  const chats = new ChatList(io.api.chats, io.page);
  const invites = new Invites(io.api.invites, chats);
  const search = new Search(me.id, io, chats, openAt);
  const people = new People(me, io.api.me, (user) => search.writeTo(user), (user) => {
    // The direct chat with them, if open, closes or reopens: it reads why from the server.
    const p = pane.peek();
    if (p.kind === "chat" && p.chat.chat.peek()?.peer?.id === user.id) void p.chat.refresh();
  });
  // A deleted account is signed out everywhere; this device forgets what it kept for it.
  const data = new AccountData(io, () => {
    void dropPush(io, { server: false });
    void forgetThisDevice(io);
    sessionEnded();
  });
  const pane = signal<Pane>({ kind: "none" });
  const notifications = new Notifications(me, io.alerts, io.storage, (chatId) => io.navigate(chatPath(chatId)));
  const push = new PushSwitch(io);
  /** True while the server cannot be reached: the app shows what this device kept, read-only. */
  // A clicked push notification asks the open tab for its chat (web/sw/sw.ts).
  const stopOpening = io.shell?.onOpenChat((chatId) => io.navigate(chatPath(chatId)));
  const uploads = new Map<string, UploadsModel>();
  /** The signed-in user's profile as it is now (it changes in settings, or in another tab). */
  const self = signal(me);

  function selfChanged(user: User): void {
    if (user.id !== me.id) return;
    self.value = user;
    meChanged(user);
  }

  /** A chat's upload strip, kept across switching chats until sent, emptied or signed out. */
  function uploadsFor(chatId: string): UploadsModel {
    let u = uploads.get(chatId);
    if (!u) {
      u = untracked(() => new Uploads(chatId, io.api, io.files, (caption, attachments, replyTo) => sendClosed(chatId, caption, attachments, replyTo)));
      uploads.set(chatId, u);
    }
    return u;
  }

  /** A message whose uploads finished after its chat was closed: it goes into that chat's
   * stored outbox first (so opening the chat resends it if need be, with the same clientId),
   * then over HTTP. No open chat holds that outbox now, so nothing overwrites it. */
  function sendClosed(chatId: string, caption: string, attachments: Attachment[], replyTo?: number): void {
    const entry = new Outbox(outboxKey(me.id, chatId), io.storage).add(caption, { attachments, replyTo });
    const { type: _, ...body } = sendFrame(entry);
    void io.api.media.post(chatId, body).catch(() => {});
  }

  function dropUploads(chatId: string): void {
    const u = uploads.get(chatId);
    if (!u) return;
    uploads.delete(chatId);
    dispose(u);
  }

  /** A message to show when the chat being navigated to opens. */
  let focusNext: { chatId: string; seq: number } | null = null;

  /** Opens a chat at one of its messages (a search result): the open chat jumps, another
   * chat opens around it. */
  function openAt(chatId: string, seq: number): void {
    const p = pane.peek();
    if (p.kind === "chat" && p.chatId === chatId) {
      void p.chat.jumpTo(seq);
      return;
    }
    focusNext = { chatId, seq };
    io.navigate(chatPath(chatId));
  }

  function apply(frame: InboxFrame): void {
    switch (frame.type) {
      case "chat": {
        const p = pane.peek();
        const open = p.kind === "chat" && p.chatId === frame.chat.id;
        notifications.chatChanged(chats.byId.peek().get(frame.chat.id), frame.chat, { open, looking: open && io.page.visible() });
        chats.upsert(frame.chat);
        return;
      }
      case "chat_removed":
        chats.remove(frame.chatId);
        dropUploads(frame.chatId);
        return;
      case "invite":
        invites.add(frame.invite);
        return;
      case "invite_removed":
        invites.remove(frame.id);
        return;
      case "profile": {
        // The open chat hears it from its own socket too; this covers the list, and the
        // user's own name when they changed it in another tab.
        chats.profileChanged(frame.user);
        selfChanged(frame.user);
        const p = pane.peek();
        if (p.kind === "chat") p.chat.profileChanged(frame.user);
        return;
      }
      default: {
        const never: never = frame;
        return never;
      }
    }
  }

  function closePane(): void {
    const p = pane.peek();
    if (p.kind === "chat") dispose(p.chat);
    if (p.kind === "join") dispose(p.link);
    if (p.kind === "settings") dispose(p.settings);
    chats.focus(null);
    pane.value = { kind: "none" };
  }

  /** Opens what `r` points at, unless the pane shows it already (e.g. "/chats/x/" after "/chats/x"). */
  function show(r: Route): void {
    const p = pane.peek();
    if (r.name === "chat" && p.kind === "chat" && p.chatId === r.chatId) return;
    if (r.name === "join" && p.kind === "join" && p.token === r.token) return;
    if (r.name === "settings" && p.kind === "settings") return;
    closePane();
    if (r.name === "chat") {
      chats.focus(r.chatId);
      const focus = focusNext?.chatId === r.chatId ? focusNext.seq : undefined;
      focusNext = null;
      pane.value = { kind: "chat", chatId: r.chatId, chat: new OpenChat(r.chatId, me, io, chats, sessionEnded, { focus, uploads: uploadsFor(r.chatId), unblock: people.unblock }) };
    } else if (r.name === "join") {
      pane.value = { kind: "join", token: r.token, link: new JoinLink(r.token, io, chats) };
    } else if (r.name === "settings") {
      pane.value = { kind: "settings", settings: new Settings({ me: self, io, meChanged: selfChanged, sessionEnded }) };
    }
  }

  // The inbox reloads the list on every connect; load once now too, so the list does not
  // wait for a socket that may be slow (or, on an older server, absent).
  void chats.reload();
  void invites.reload();
  const inbox = io.openInbox({
    resync: () => Promise.all([chats.reload(), invites.reload()]),
    onFrame: apply,
    onEnd: sessionEnded,
  });

  // Untracked: what the pane's model reads while it is made must not re-run this effect. The
  // pane's models are disposed here, not with the account's effects: they change with the
  // address, long after the account was made.
  effect(() => {
    const r = io.route.value;
    untracked(() => show(r));
  });

  onDispose(() => {
    stopOpening?.();
    inbox.stop();
    closePane();
    for (const chatId of [...uploads.keys()]) dropUploads(chatId);
  });

  return { chats, invites, search, people, data, pane, openAt, notifications, push };
});

export type AccountModel = InstanceType<typeof Account>;
