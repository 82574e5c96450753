// The chat on the right-hand side, one model per open chat, made and disposed by the account
// (account.ts) as the address changes; disposing it closes the socket and stops its timers
// and listeners. It composes one part per concern:
//   history.ts    the loaded messages: first page, scroll-back, gap fills, frames
//   sending.ts    the outbox: send, retry, flush on `ready`, settle when a message shows up
//   link.ts       the socket's lifecycle: opened when loaded and a member, live after `ready`
//   typing.ts     typing notices, ours (throttled) and the others' (fading)
//   readMarks.ts  moving the read mark; roster.ts: members and how far the others have read
//   uploads.ts    the files in the composer's strip (owned by the account, attached here)
//   compose.ts    the draft, the reply being written, the message being edited
//   actions.ts    edit, delete, react; who reacted, who has read
// and frames.ts routes each socket frame to the part it concerns.
//
// The view shows the confirmed messages followed by the outbox entries still waiting, so a
// message typed offline sits at the bottom as "sending" until the room confirms it.
import { batch, computed, createModel, effect, signal } from "@preact/signals";
import type { Chat, ClosedChatReason, Invite, ServerFrame, User } from "#protocol";
import { isApiError } from "../../api/errors.ts";
import type { ChatEnd } from "../../realtime/chatSocket.ts";
import { Outbox, outboxKey, type OutboxExtras } from "../../realtime/outbox.ts";
import type { ChatListModel } from "../chatList.ts";
import { chatWithProfile } from "../profiles.ts";
import type { IO } from "../io.ts";
import { dispose, onDispose } from "../lifetime.ts";
import { MessageSearch } from "../messageSearch.ts";
import { MessageActions } from "./actions.ts";
import { Compose, draftKey } from "./compose.ts";
import { ChatHistory, pageSize } from "./history.ts";
import { routeFrame } from "./frames.ts";
import { ChatLink } from "./link.ts";
import { ReadMarks } from "./readMarks.ts";
import { Roster } from "./roster.ts";
import { Sending } from "./sending.ts";
import { TypingNotice, TypingTracker } from "./typing.ts";
import { Uploads, type UploadsModel } from "./uploads.ts";

export type ChatPhase = "loading" | "ready" | "error" | ChatEnd;

/** How a chat opens: at a message to show (a search result), with the account's upload strip;
 * `unblock` lifts the user's block of a direct chat's peer (the account's people model). */
export interface OpenChatOptions {
  focus?: number | undefined;
  uploads?: UploadsModel | undefined;
  unblock?: ((user: User) => Promise<void>) | undefined;
}

/** The first page to load: around a message to show, else where the reader left off when more
 * is unread than the newest page holds (so the "new messages" divider is in it), else the
 * newest page. `known`: the chat as the list had it before opening. */
export function firstPage(focus: number | undefined, known: Chat | undefined): { around?: number; limit: number } {
  if (focus !== undefined) return { around: focus, limit: pageSize };
  if (known && known.role !== null && known.unread > 0 && known.lastSeq - known.lastReadSeq > pageSize - 10) return { around: known.lastReadSeq + 1, limit: pageSize };
  return { limit: pageSize };
}

export const OpenChat = createModel((chatId: string, me: User, io: IO, list: ChatListModel, sessionEnded: () => void, options: OpenChatOptions = {}) => {
  const { focus, uploads: given } = options;
  /** Read before anything can mark the chat read: where the reader left off. */
  const known = list.byId.peek().get(chatId);
  const api = io.api.chats;
  const phase = signal<ChatPhase>("loading");
  const info = signal<Chat | null>(null);
  const online = signal<string[]>([]);
  /** The reader's read mark when the chat opened, if something was unread then (the "new
   * messages" divider goes above the first unread message); it stays put while they read. */
  const unreadAfter = signal<number | null>(null);
  /** Why a direct chat takes no new messages (docs/api.md GET /api/chats/:id), or null. */
  const closed = signal<ClosedChatReason | null>(null);
  const roster = new Roster(me.id);
  const typers = new TypingTracker();
  let disposed = false;

  const outbox = new Outbox(outboxKey(me.id, chatId), io.storage);
  const history = new ChatHistory(chatId, api, (incoming) => sending.settle(incoming), () => !disposed);
  const link = new ChatLink(chatId, io.openChatSocket, { rev: history.rev, onFrame, onEnd });
  const sending = new Sending(outbox, link);
  const typing = new TypingNotice(link);
  const reads = new ReadMarks(link, history.lastSeq, io.page, (seq) => list.noteRead(chatId, seq), () => chat.peek()?.memberCount ?? 0);
  // Without an account's strip (a test), one of its own that ends with this chat.
  const uploads = given ?? new Uploads(chatId, io.api, io.files, () => {});
  uploads.attach((caption, attachments, replyTo) => void deliver(caption, { attachments, replyTo }));
  const actions = new MessageActions(chatId, io.api.messages, link);
  const compose = new Compose(draftKey(me.id, chatId), io.storage, {
    send: (text, replyTo) => send(text, replyTo),
    edit: actions.edit,
    lastOwn: () => history.messages.peek().findLast((m) => m.sender?.id === me.id && m.kind === "text" && !m.deleted) ?? null,
  });
  /** The search box in the chat's header: this chat only. */
  const search = new MessageSearch(io.api.messages, chatId);
  /** Changes with every `read` frame: an open "read by" list fetches again. */
  const readTick = signal(0);

  const chat = computed(() => list.byId.value.get(chatId) ?? info.value);
  const member = computed(() => chat.value?.role != null);

  /** Re-reads the chat and its members (after a system message, or an admin action). */
  async function refresh(): Promise<void> {
    try {
      const d = await api.get(chatId);
      if (disposed) return;
      batch(() => {
        info.value = d.chat;
        roster.set(d.members);
        closed.value = d.closed ?? null;
        // Only a chat the user is (still) in goes back into the list.
        if (d.chat.role !== null && phase.peek() === "ready") list.upsert(d.chat);
      });
    } catch {
      // The socket's close code or the next system message says what happened.
    }
  }

  function onFrame(frame: ServerFrame): void {
    routeFrame(frame, {
      chatId,
      meId: me.id,
      history,
      sending,
      actions,
      roster,
      typers,
      list,
      online,
      readTick,
      live: link.live,
      direct: () => chat.peek()?.kind === "direct",
      markRead: reads.mark,
      refresh: () => void refresh(),
      profileChanged,
    });
  }

  /** Messages, quotes, member rows, the typing line and a direct chat's name show the new
   * profile; from the room's socket, or the inbox when this chat's socket is not open. */
  function profileChanged(user: User): void {
    batch(() => {
      history.profileChanged(user);
      roster.profileChanged(user);
      typers.profileChanged(user);
      if (info.value) info.value = chatWithProfile(info.value, user);
    });
  }

  function onEnd(why: ChatEnd): void {
    if (why === "session_ended") {
      sessionEnded();
      return;
    }
    phase.value = why;
    // Still a member: the history stays, and the chat stays in the list.
    if (why === "replaced") return;
    if (why !== "not_found") list.remove(chatId);
  }

  let cancelRetry: (() => void) | null = null;

  async function open(): Promise<void> {
    phase.value = "loading";
    try {
      const first = firstPage(focus, known);
      const [detail, page] = await Promise.all([api.get(chatId), api.history(chatId, first)]);
      if (disposed) return;
      batch(() => {
        info.value = detail.chat;
        roster.set(detail.members);
        closed.value = detail.closed ?? null;
        // Opened at a message (a search result), the reader is not where they left off.
        if (focus === undefined && unreadAfter.peek() === null && detail.chat.role !== null && detail.chat.unread > 0) unreadAfter.value = detail.chat.lastReadSeq;
        history.opened(page, focus);
        phase.value = "ready";
      });
    } catch (e) {
      if (disposed) return;
      phase.value = isApiError(e, "not_found") ? "not_found" : "error";
      // Opened while offline: try again as soon as the network is back.
      if (isApiError(e, "network")) {
        cancelRetry?.();
        cancelRetry = io.page.onceOnline(retryOpen);
      }
    }
  }

  function retryOpen(): void {
    if (disposed) return;
    if (phase.value === "error") void open();
    else if (phase.value === "replaced") {
      // Catch-up from the last rev fills in what arrived meanwhile.
      phase.value = "ready";
      link.reopen();
    }
  }

  const stopWatchingPage = io.page.onVisibilityChange(() => reads.mark());
  void open();

  // The socket opens once the chat is loaded and the user is a member: at once, or when they
  // join a public chat they were reading (here, from the search results or a link). The room
  // refuses sockets of non-members.
  effect(() => {
    if (phase.value === "ready" && member.value && !link.isOpen()) link.open();
  });

  /** The composer's Send. With files in the strip, the text is their caption and goes with
   * them (and with the reply) once they are uploaded. */
  function send(text: string, replyTo?: number): boolean {
    return uploads.send(text, replyTo) || deliver(text, replyTo === undefined ? {} : { replyTo });
  }

  /** A new message into the outbox; sending from a window that stops short of the newest goes
   * back there. */
  function deliver(text: string, extras: OutboxExtras): boolean {
    if (!sending.send(text, extras)) return false;
    typing.sent();
    if (history.hasNewer.peek()) void history.toLatest();
    return true;
  }

  onDispose(() => {
    disposed = true;
    uploads.detach();
    if (!given) dispose(uploads);
    // Before the socket closes: the room should know how far the reader got.
    reads.flush();
    link.stop();
    typers.dispose();
    stopWatchingPage();
    cancelRetry?.();
  });

  return {
    phase,
    chat,
    /** Who is reading (a model holds only signals and actions). */
    me: computed(() => me),
    /** Mute or unmute this chat for the user (the info panel's switch). */
    setMuted: (muted: boolean): Promise<void> => list.setMuted(chatId, muted),
    profileChanged,
    messages: history.messages,
    pending: sending.entries,
    hasMore: history.hasMore,
    loadingOlder: history.loadingOlder,
    hasNewer: history.hasNewer,
    loadingNewer: history.loadingNewer,
    highlight: history.highlight,
    compose,
    actions,
    search,
    readTick,
    live: link.live,
    online,
    typing: typers.users,
    roster,
    member,
    unreadAfter,
    closed,

    retryOpen,
    refresh,
    loadOlder: history.loadOlder,
    loadNewer: history.loadNewer,
    jumpTo: history.jumpTo,
    toLatest: history.toLatest,
    markRead: reads.mark,
    retry: sending.retry,
    typed: typing.typed,

    uploads,
    send,

    /** "Unblock" in place of the composer of a direct chat the user closed by blocking. */
    unblock: async (): Promise<void> => {
      const peer = chat.peek()?.peer;
      // The account re-reads the chat once the block is gone (People's blockChanged).
      if (peer && options.unblock) await options.unblock(peer);
    },

    join: async (): Promise<void> => {
      const joined = await api.join(chatId);
      info.value = joined;
      list.upsert(joined);
    },

    /** Invites someone by username (docs/api.md: 404 for no such user, 409 if already in or invited). */
    invite: (username: string): Promise<Invite> => api.invite(chatId, username),

    /** The info panel changed the chat (name, visibility): the list shows it at once. */
    changed: (next: Chat): void => {
      list.upsert(next);
    },

    /** The user left or deleted the chat: it leaves the list, and the list is shown. */
    left: (): void => {
      list.remove(chatId);
      io.navigate("/", { replace: true });
    },
  };
});

export type OpenChatModel = InstanceType<typeof OpenChat>;
