// Typed wrappers over the routes of docs/api.md that the web app uses. Response shapes come from
// the shared protocol schemas, so a contract change shows up as a type error here.
import { z } from "zod";
import {
  chat,
  chatDetail as chatDetailRes,
  invite,
  member,
  message,
  pushKeyResponse,
  reactorsResponse,
  readersResponse,
  searchResults,
  sessionsResponse,
  user,
  type Chat,
  type CreateChatBody,
  type DeleteAccountBody,
  type LoginBody,
  type ProfilePatchBody,
  type PushSubscriptionBody,
  type RegisterBody,
} from "#protocol";
import { request } from "./client.ts";

const userRes = z.object({ user });
const chatRes = z.object({ chat });
const chatsRes = z.object({ chats: z.array(chat) });
const historyRes = z.object({ messages: z.array(message), hasMore: z.boolean(), hasNewer: z.boolean().optional(), rev: z.number() });
const invitesRes = z.object({ invites: z.array(invite) });
const inviteRes = z.object({ invite });
const usersRes = z.object({ users: z.array(user) });
const linkPreviewRes = z.object({ chat: z.object({ id: z.string(), name: z.string(), memberCount: z.number() }) });

export type History = z.infer<typeof historyRes>;
export type SearchPage = z.infer<typeof searchResults>;
export type SearchResult = SearchPage["results"][number];
export type LinkPreview = z.infer<typeof linkPreviewRes>["chat"];
export type SessionInfo = z.infer<typeof sessionsResponse>["sessions"][number];

const enc = encodeURIComponent;

export const auth = {
  register: async (body: RegisterBody) => (await request("POST", "/api/auth/register", userRes, { body, auth: false })).user,
  login: async (body: LoginBody) => (await request("POST", "/api/auth/login", userRes, { body, auth: false })).user,
  logout: () => request("POST", "/api/auth/logout", null, { auth: false }),
  me: async () => (await request("GET", "/api/me", userRes, { auth: false })).user,
};

export const chats = {
  list: async (q?: string): Promise<Chat[]> => {
    const query = q?.trim() ? `?q=${enc(q.trim())}` : "";
    return (await request("GET", `/api/chats${query}`, chatsRes)).chats;
  },
  create: async (body: CreateChatBody) => (await request("POST", "/api/chats", chatRes, { body })).chat,
  get: (id: string) => request("GET", `/api/chats/${enc(id)}`, chatDetailRes),
  history: (id: string, page: { before?: number; after?: number; around?: number; limit?: number } = {}) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(page)) if (v !== undefined) params.set(k, String(v));
    const query = params.size ? `?${params}` : "";
    return request("GET", `/api/chats/${enc(id)}/messages${query}`, historyRes);
  },
  invite: async (id: string, username: string) =>
    (await request("POST", `/api/chats/${enc(id)}/invites`, inviteRes, { body: { username } })).invite,
  join: async (id: string) => (await request("POST", `/api/chats/${enc(id)}/join`, chatRes)).chat,
  discover: async (q: string) => (await request("GET", `/api/chats/discover?q=${enc(q.trim())}`, chatsRes)).chats,
  /** The one direct chat with `username`: made on first use, the existing one after that. */
  direct: async (username: string) => (await request("POST", "/api/direct", chatRes, { body: { username } })).chat,
  /** Mute or unmute the chat for the caller: the chat as they now see it. */
  settings: async (id: string, body: { muted: boolean }) => (await request("PATCH", `/api/chats/${enc(id)}/settings`, chatRes, { body })).chat,
};

export const messages = {
  edit: (chatId: string, seq: number, body: string) => request("PATCH", `/api/chats/${enc(chatId)}/messages/${seq}`, null, { body: { body } }),
  remove: (chatId: string, seq: number) => request("DELETE", `/api/chats/${enc(chatId)}/messages/${seq}`, null),
  react: (chatId: string, seq: number, emoji: string, on: boolean) =>
    request(on ? "PUT" : "DELETE", `/api/chats/${enc(chatId)}/messages/${seq}/reactions/${enc(emoji)}`, null),
  /** Who gave each reaction (names capped; the count is complete). */
  reactors: async (chatId: string, seq: number) =>
    (await request("GET", `/api/chats/${enc(chatId)}/messages/${seq}/reactions`, reactorsResponse)).reactions,
  /** Who has read one of the caller's own messages, and when. */
  readers: async (chatId: string, seq: number) => (await request("GET", `/api/chats/${enc(chatId)}/messages/${seq}/readers`, readersResponse)).readers,
  /** One page of message search results, newest first; `cursor` continues a search. */
  search: (q: string, options: { chatId?: string | undefined; cursor?: string | undefined; limit?: number } = {}): Promise<SearchPage> => {
    const params = new URLSearchParams({ q });
    if (options.chatId) params.set("chatId", options.chatId);
    if (options.cursor) params.set("cursor", options.cursor);
    if (options.limit) params.set("limit", String(options.limit));
    return request("GET", `/api/search?${params}`, searchResults);
  },
};

export const users = {
  search: async (q: string) => (await request("GET", `/api/users?q=${enc(q.trim())}`, usersRes)).users,
};

/** The signed-in user's own account (docs/api.md "Auth and account"): profile, password,
 * signed-in sessions, blocking and deletion. The picture goes through api/media.ts (XHR, for
 * its progress); the data export is a plain link the browser downloads. */
export const me = {
  updateProfile: async (body: ProfilePatchBody) => (await request("PATCH", "/api/me", userRes, { body })).user,
  removeAvatar: async () => (await request("DELETE", "/api/me/avatar", userRes)).user,
  changePassword: (currentPassword: string, newPassword: string) => request("POST", "/api/me/password", null, { body: { currentPassword, newPassword } }),
  sessions: async () => (await request("GET", "/api/auth/sessions", sessionsResponse)).sessions,
  endSession: (id: string) => request("DELETE", `/api/auth/sessions/${enc(id)}`, null),
  endOtherSessions: () => request("DELETE", "/api/auth/sessions", null),
  blocked: async () => (await request("GET", "/api/me/blocks", usersRes)).users,
  block: async (userId: string) => (await request("PUT", `/api/me/blocks/${enc(userId)}`, userRes)).user,
  unblock: (userId: string) => request("DELETE", `/api/me/blocks/${enc(userId)}`, null),
  /** Deletes the account for good; the server clears the session cookie. */
  remove: (body: DeleteAccountBody) => request("DELETE", "/api/me", null, { body }),
};

export const links = {
  preview: async (token: string) => (await request("GET", `/api/links/${enc(token)}`, linkPreviewRes)).chat,
  join: async (token: string) => (await request("POST", `/api/links/${enc(token)}/join`, chatRes)).chat,
};

export const invites = {
  list: async () => (await request("GET", "/api/invites", invitesRes)).invites,
  accept: async (id: string) => (await request("POST", `/api/invites/${enc(id)}/accept`, chatRes)).chat,
  decline: (id: string) => request("POST", `/api/invites/${enc(id)}/decline`, null),
};

/** Web Push subscriptions of this browser (docs/api.md "Web Push"). */
export const push = {
  /** The server's VAPID public key (base64url); 404 not_found when push is not configured. */
  key: async () => (await request("GET", "/api/push/key", pushKeyResponse)).publicKey,
  subscribe: (body: PushSubscriptionBody) => request("POST", "/api/push/subscriptions", null, { body }),
  unsubscribe: (endpoint: string) => request("DELETE", "/api/push/subscriptions", null, { body: { endpoint } }),
};
