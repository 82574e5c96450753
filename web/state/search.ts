// The search box. One query looks in four places: the user's own chats (filtered by the
// chat list, which keeps them current as messages arrive), public chats to read or join,
// people to write to, and the text of messages (messageSearch.ts, which paces its own
// requests under the server's search limit). The server folds case in every script; answers
// to an older query are dropped. Requests wait for a pause in typing: one per word, not per
// keystroke.
import { batch, createModel, signal } from "@preact/signals";
import type { Chat, User } from "#protocol";
import type { ChatListModel } from "./chatList.ts";
import type { IO } from "./io.ts";
import { onDispose } from "./lifetime.ts";
import { MessageSearch } from "./messageSearch.ts";
import { chatPath } from "./routes.ts";

const searchDelayMs = 200;
/** The API's limits on `q`: 100 characters for chats, 64 for users. */
const chatQueryMax = 100;
const userQueryMax = 64;

export const Search = createModel((myId: string, io: Pick<IO, "api" | "navigate">, list: ChatListModel, openAt: (chatId: string, seq: number) => void) => {
  /** What is in the box right now (the list filters by `list.query`, once typing pauses). */
  const text = signal("");
  const publicChats = signal<Chat[]>([]);
  const people = signal<User[]>([]);
  const searching = signal(false);
  const messages = new MessageSearch(io.api.messages, null);

  let token = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function clear(): void {
    batch(() => {
      publicChats.value = [];
      people.value = [];
      searching.value = false;
    });
  }

  async function discover(q: string): Promise<void> {
    const mine = ++token;
    const query = q.trim();
    if (!query) {
      clear();
      return;
    }
    searching.value = true;
    const [found, users] = await Promise.all([
      io.api.chats.discover([...query].slice(0, chatQueryMax).join("")).catch(() => [] as Chat[]),
      io.api.users.search([...query].slice(0, userQueryMax).join("")).catch(() => [] as User[]),
    ]);
    if (mine !== token) return;
    batch(() => {
      // Chats already joined show under "Your chats".
      publicChats.value = found.filter((c) => c.role === null);
      people.value = users.filter((u) => u.id !== myId);
      searching.value = false;
    });
  }

  onDispose(() => {
    if (timer) clearTimeout(timer);
    token += 1;
    text.value = "";
    clear();
  });

  return {
    text,
    publicChats,
    people,
    searching,
    messages,

    /** The box changed. Emptying it shows the whole list again without waiting. */
    type: (q: string): void => {
      text.value = q;
      messages.type(q);
      if (timer) clearTimeout(timer);
      timer = setTimeout(
        () => {
          timer = null;
          void list.search(q);
          void discover(q);
        },
        q.trim() ? searchDelayMs : 0,
      );
    },

    /** Opens a message found by its text, in its chat, at its place. */
    openMessage: (chatId: string, seq: number): void => {
      openAt(chatId, seq);
    },

    /** Opens the direct chat with `user`, making it on first use. */
    writeTo: async (user: User): Promise<void> => {
      const chat = await io.api.chats.direct(user.username);
      list.upsert(chat);
      void list.search(list.query.value);
      io.navigate(chatPath(chat.id));
    },

    /** Joins a public chat from the results and opens it. */
    join: async (chat: Chat): Promise<void> => {
      const joined = await io.api.chats.join(chat.id);
      list.upsert(joined);
      publicChats.value = publicChats.value.filter((c) => c.id !== chat.id);
      // It belongs under "Your chats" now, which only the server's filter can say.
      void list.search(list.query.value);
      io.navigate(chatPath(joined.id));
    },
  };
});

export type SearchModel = InstanceType<typeof Search>;
