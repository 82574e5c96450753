// What the search box finds beyond the user's own chats (those are chats.ts's `search`):
// public chats to read or join, and people to write to. The server folds case in every
// script; answers to an older query are dropped.
import { batch, signal } from "@preact/signals";
import type { Chat, User } from "#protocol";
import { chats as chatsApi, users as usersApi } from "../api/endpoints.ts";
import * as chats from "./chats.ts";
import { navigate } from "./router.ts";
import { chatPath } from "./routes.ts";

export const publicChats = signal<Chat[]>([]);
export const people = signal<User[]>([]);
export const searching = signal(false);

/** The API's limits on `q`: 100 characters for chats, 64 for users. */
const chatQueryMax = 100;
const userQueryMax = 64;

let token = 0;

export async function run(q: string, myId: string): Promise<void> {
  const mine = ++token;
  const text = q.trim();
  if (!text) {
    batch(() => {
      publicChats.value = [];
      people.value = [];
      searching.value = false;
    });
    return;
  }
  searching.value = true;
  const [found, users] = await Promise.all([
    chatsApi.discover([...text].slice(0, chatQueryMax).join("")).catch(() => [] as Chat[]),
    usersApi.search([...text].slice(0, userQueryMax).join("")).catch(() => [] as User[]),
  ]);
  if (mine !== token) return;
  batch(() => {
    // Chats already joined show under "Your chats".
    publicChats.value = found.filter((c) => c.role === null);
    people.value = users.filter((u) => u.id !== myId);
    searching.value = false;
  });
}

/** Opens the direct chat with `user`, making it on first use. */
export async function writeTo(user: User): Promise<void> {
  const chat = await chatsApi.direct(user.username);
  chats.upsert(chat);
  void chats.search(chats.query.value);
  navigate(chatPath(chat.id));
}

/** Joins a public chat from the results and opens it. */
export async function join(chat: Chat): Promise<void> {
  const joined = await chatsApi.join(chat.id);
  chats.upsert(joined);
  publicChats.value = publicChats.value.filter((c) => c.id !== chat.id);
  // It belongs under "Your chats" now, which only the server's filter can say.
  void chats.search(chats.query.value);
  navigate(chatPath(joined.id));
}

export function reset(): void {
  token += 1;
  batch(() => {
    publicChats.value = [];
    people.value = [];
    searching.value = false;
  });
}
