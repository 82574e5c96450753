// The chat on the right-hand side: its history, its live socket, its outbox. One model per
// open chat; disposing it (switching chats, signing out) closes the socket.
//
// History is kept as one ascending array of messages by `seq` (gap-free on the server).
// The view shows the confirmed messages followed by the outbox entries still waiting,
// so a message typed offline sits at the bottom as "sending" until the room confirms it.
import { batch, computed, createModel, effect, signal } from "@preact/signals";
import type { Chat, Message, ServerFrame, User } from "#protocol";
import { isApiError } from "../../api/errors.ts";
import { chats as api } from "../../api/endpoints.ts";
import { ChatSocket, type ChatEnd } from "../../realtime/chatSocket.ts";
import { browserStorage, Outbox, outboxKey } from "../../realtime/outbox.ts";
import * as chats from "../chats.ts";
import { mergeMessages, patchMessage } from "./messages.ts";
import { Roster } from "./roster.ts";
import { sessionEnded } from "../session.ts";
import { TypingTracker } from "./typing.ts";

export type ChatPhase = "loading" | "ready" | "error" | ChatEnd;

const typingSendEveryMs = 3000;
const pageSize = 50;

export const OpenChat = createModel((chatId: string, me: User) => {
  const phase = signal<ChatPhase>("loading");
  const info = signal<Chat | null>(null);
  const messages = signal<Message[]>([]);
  const hasMore = signal(false);
  const loadingOlder = signal(false);
  const live = signal(false);
  const online = signal<string[]>([]);
  const typers = new TypingTracker();
  const roster = new Roster(me.id);
  const outbox = new Outbox(outboxKey(me.id, chatId), browserStorage());

  const chat = computed(() => chats.byId(chatId) ?? info.value);
  const lastSeq = computed(() => messages.value.at(-1)?.seq ?? 0);
  const member = computed(() => chat.value?.role != null);

  let rev = 0;
  let socket: ChatSocket | null = null;
  let disposed = false;
  let lastTypingSent = 0;
  let readSent = 0;
  let filling = false;

  function merge(incoming: Message[]): void {
    if (!incoming.length) return;
    batch(() => {
      messages.value = mergeMessages(messages.value, incoming);
      outbox.settle(incoming.map((m) => m.clientId));
    });
  }

  function patch(seq: number, change: (m: Message) => Message): void {
    messages.value = patchMessage(messages.value, seq, change);
  }

  /** Fetches what lies between the last message we have and `upTo` (a gap after a drop). */
  async function fillGap(upTo: number): Promise<void> {
    if (filling) return;
    filling = true;
    try {
      while (!disposed && lastSeq.value < upTo) {
        const page = await api.history(chatId, { after: lastSeq.value, limit: 100 });
        merge(page.messages);
        if (!page.hasMore || !page.messages.length) break;
      }
    } catch {
      // The next reconnect's `ready` checks again.
    } finally {
      filling = false;
    }
  }

  function flush(): void {
    for (const e of outbox.pending()) {
      if (!socket?.send({ type: "send", clientId: e.clientId, body: e.body })) return;
    }
  }

  function markRead(): void {
    const seq = lastSeq.value;
    if (!live.value || seq <= readSent || document.visibilityState !== "visible") return;
    if (socket?.send({ type: "read", seq })) {
      readSent = seq;
      chats.noteRead(chatId, seq);
    }
  }

  /** Re-reads the chat and its members (after a system message, or an admin action). */
  async function refresh(): Promise<void> {
    try {
      const d = await api.get(chatId);
      if (disposed) return;
      batch(() => {
        info.value = d.chat;
        roster.set(d.members);
        // Only a chat the user is (still) in goes back into the list.
        if (d.chat.role !== null && phase.peek() === "ready") chats.upsert(d.chat);
      });
    } catch {
      // The socket's close code or the next system message says what happened.
    }
  }

  function onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case "ready":
        rev = Math.max(rev, frame.rev);
        batch(() => {
          live.value = true;
          online.value = frame.online;
        });
        flush();
        if (frame.lastSeq > lastSeq.value) void fillGap(frame.lastSeq);
        markRead();
        return;
      case "message": {
        const m = frame.message;
        rev = Math.max(rev, m.rev);
        // Live, a seq past the next one means frames were missed; during catch-up the room
        // may send a folded, later state first, so gaps are checked at `ready` instead.
        const gap = live.value && m.seq > lastSeq.value + 1;
        merge([m]);
        chats.noteMessage(chatId, m, me.id);
        if (m.sender) typers.stopped(m.sender.id);
        if (m.kind === "system") void refresh();
        if (gap) void fillGap(m.seq);
        markRead();
        return;
      }
      case "edited": {
        rev = Math.max(rev, frame.message.rev);
        const first = messages.value[0]?.seq ?? Infinity;
        if (frame.message.seq >= first) merge([frame.message]);
        return;
      }
      case "deleted":
        rev = Math.max(rev, frame.rev);
        patch(frame.seq, (m) => ({ ...m, deleted: true, body: "", attachments: [], reactions: [], rev: frame.rev }));
        return;
      case "reactions":
        rev = Math.max(rev, frame.rev);
        patch(frame.seq, (m) => ({ ...m, reactions: frame.reactions, rev: frame.rev }));
        return;
      case "ack":
        // Not a rev bump: the `message` frame that follows is what the history needs, and
        // if the socket drops first, catch-up from the old rev brings it.
        outbox.update(frame.clientId, { state: "sent" });
        return;
      case "typing":
        if (frame.user.id !== me.id) typers.saw(frame.user);
        return;
      case "presence":
        online.value = frame.online;
        return;
      case "read":
        roster.read(frame.userId, frame.seq);
        return;
      case "error":
        if (frame.clientId) outbox.update(frame.clientId, { state: "failed", error: frame.code });
        else console.warn("qmessenger: the room refused a frame", frame.code, frame.message);
        return;
      default: {
        const never: never = frame;
        return never;
      }
    }
  }

  function onEnd(why: ChatEnd): void {
    if (why === "session_ended") {
      sessionEnded();
      return;
    }
    batch(() => {
      phase.value = why;
      live.value = false;
      if (why !== "not_found") chats.remove(chatId);
    });
  }

  async function open(): Promise<void> {
    phase.value = "loading";
    try {
      const [detail, page] = await Promise.all([api.get(chatId), api.history(chatId, { limit: pageSize })]);
      if (disposed) return;
      rev = page.rev;
      batch(() => {
        info.value = detail.chat;
        roster.set(detail.members);
        merge(page.messages);
        hasMore.value = page.hasMore;
        phase.value = "ready";
      });
    } catch (e) {
      if (disposed) return;
      phase.value = isApiError(e, "not_found") ? "not_found" : "error";
      // Opened while offline: try again as soon as the network is back.
      if (isApiError(e, "network")) addEventListener("online", retryOpen, { once: true });
    }
  }

  function connect(): void {
    socket = new ChatSocket(chatId, {
      rev: () => rev,
      onFrame,
      onDown: () => {
        live.value = false;
      },
      onEnd,
    });
  }

  function retryOpen(): void {
    if (!disposed && phase.value === "error") void open();
  }

  const onVisible = () => markRead();
  document.addEventListener("visibilitychange", onVisible);
  chats.focusedChatId.value = chatId;
  void open();

  // The socket opens once the chat is loaded and the user is a member: at once, or when they
  // join a public chat they were reading (here, from the search results or a link). The room
  // refuses sockets of non-members.
  effect(() => {
    if (phase.value === "ready" && member.value && !socket) connect();
  });

  // Owned by the model: runs its cleanup when the model is disposed.
  effect(() => () => {
    disposed = true;
    socket?.stop();
    typers.dispose();
    document.removeEventListener("visibilitychange", onVisible);
    removeEventListener("online", retryOpen);
    if (chats.focusedChatId.peek() === chatId) chats.focusedChatId.value = null;
  });

  return {
    phase,
    chat,
    messages,
    pending: outbox.entries,
    hasMore,
    loadingOlder,
    live,
    online,
    typing: typers.users,
    roster,
    member,

    retryOpen,
    refresh,

    join: async () => {
      const joined = await api.join(chatId);
      info.value = joined;
      chats.upsert(joined);
    },

    loadOlder: async () => {
      const first = messages.value[0];
      if (loadingOlder.value || !hasMore.value || !first) return;
      loadingOlder.value = true;
      try {
        const page = await api.history(chatId, { before: first.seq, limit: pageSize });
        batch(() => {
          merge(page.messages);
          hasMore.value = page.hasMore;
        });
      } catch {
        // Scrolling up again retries.
      } finally {
        loadingOlder.value = false;
      }
    },

    send: (text: string): boolean => {
      const body = text.trim();
      if (!body) return false;
      const entry = outbox.add(body);
      if (live.value) socket?.send({ type: "send", clientId: entry.clientId, body });
      // The others stop showing "typing" when this message arrives; typing again right away
      // should show again, not wait out the throttle.
      lastTypingSent = 0;
      return true;
    },

    retry: (clientId: string) => {
      outbox.update(clientId, { state: "sending", error: undefined });
      const entry = outbox.entries.value.find((e) => e.clientId === clientId);
      if (entry && live.value) socket?.send({ type: "send", clientId, body: entry.body });
    },

    typed: () => {
      const now = Date.now();
      if (!live.value || now - lastTypingSent < typingSendEveryMs) return;
      if (socket?.send({ type: "typing" })) lastTypingSent = now;
    },

    markRead,
  };
});

export type OpenChatModel = InstanceType<typeof OpenChat>;
