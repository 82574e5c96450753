// Rules both sides apply: the Worker enforces them, the web app uses the same functions to
// order its lists and to offer only the controls that will not answer 403. One copy, so the
// two can never disagree (docs/api.md "Who may do what").
import type { Chat, Role } from "./models.ts";

const rank: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** True when `role` is at least `need` (owner > admin > member); no role is never enough. */
export const hasRole = (role: Role | null, need: Role): boolean => role !== null && rank[role] >= rank[need];

/** Admins and the owner moderate: they manage links, rename, and delete others' messages. */
export const isModerator = (role: Role | null): boolean => hasRole(role, "admin");

/** Whether someone with `actor` may remove a member with `target`: the owner removes anyone but
 * themselves, an admin removes plain members, nobody else removes anyone. */
export const mayRemove = (actor: Role | null, target: Role): boolean =>
  actor === "owner" ? target !== "owner" : actor === "admin" && target === "member";

/** A busy room takes per-member events (read marks coming in, Inbox notices going out) at
 * about a hundred a second, however big it is: what a member does once a second in a chat of
 * up to 100 members, they do once per `paceSteps(members)` seconds in a bigger one, at most
 * every 10 s. Each such event costs the room a turn; a thousand a second stalled a room of
 * 1,000 (docs/benchmarks.md). */
export const paceSteps = (members: number): number => Math.min(10, Math.max(1, Math.ceil(members / 100)));

/** How often a client sends its read mark while messages arrive, in a chat of `members` (ms). */
export const readMarkEvery = (members: number): number => paceSteps(members) * 1000;

/** When a chat was last active: its last message, or its creation (ISO, so it sorts as text). */
const activityOf = (chat: Pick<Chat, "lastMessage" | "createdAt">): string => chat.lastMessage?.createdAt ?? chat.createdAt;

/** The chat list's order: latest activity first; ties by id, so the order is stable. */
export const byActivity = (a: Pick<Chat, "id" | "lastMessage" | "createdAt">, b: Pick<Chat, "id" | "lastMessage" | "createdAt">): number => {
  const x = activityOf(a);
  const y = activityOf(b);
  return x < y ? 1 : x > y ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
};

export interface Abilities {
  invite: boolean;
  manageLinks: boolean;
  /** Rename the chat, switch its visibility. */
  edit: boolean;
  /** Make admin / member, transfer ownership. */
  changeRoles: boolean;
  leave: boolean;
  deleteChat: boolean;
  /** Whether the caller may remove a member who has role `target`. */
  remove: (target: Role) => boolean;
}

/** What the caller's role allows in a chat. Direct chats have no roles: nothing to manage,
 * and they cannot be left. */
export function abilities(chat: Pick<Chat, "kind" | "role">): Abilities {
  const role = chat.kind === "group" ? chat.role : null;
  return {
    invite: role !== null,
    manageLinks: isModerator(role),
    edit: isModerator(role),
    changeRoles: role === "owner",
    leave: role !== null,
    deleteChat: role === "owner",
    remove: (target) => mayRemove(role, target),
  };
}

/** Case folding for message search in every script (SQLite's LIKE/lower() fold ASCII only):
 * the room matches folded text, and the web app highlights the match with the same rule. */
export const fold = (s: string): string => s.normalize("NFKC").toLowerCase();
