// Deleting an account, and exporting one (docs/api.md "Auth and account", docs/security.md
// "Deleting an account").
//
// Deletion runs in an order that a retry can finish: first every membership goes through the
// leave workflow (membership.ts) while the account is still whole, so a request that stops
// half-way leaves a user who can sign in and try again; then one D1 batch turns the row into a
// tombstone and deletes sessions, push subscriptions, invitations and blocks (db/account.ts);
// then what lives elsewhere follows: sockets close, the picture's bytes go, the rooms the person
// wrote in show "Deleted account". A direct chat is not left (it cannot be): once the account
// is gone, the other person keeps the conversation, closed to new messages; if they are gone
// too, it is deleted.
import { tombstoneUser } from "../db/account.ts";
import { blockedBy } from "../db/blocks.ts";
import { getDb } from "../db/client.ts";
import { listChatsOf, listMembers, type ChatRow } from "../db/chats.ts";
import { peersOf, transferOwnership } from "../db/members.ts";
import { findUserById, toUser } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { nowIso } from "../lib/ids.ts";
import { deleteObjects } from "../media/store.ts";
import { exportLimits, type AccountExport, type User } from "#protocol";
import { inBackground, inBackgroundEach, settle, type Scope } from "./calls.ts";
import { destroyChat, removeFromChat } from "./membership.ts";
import { closeSessionSockets } from "./sessions.ts";
import { inboxStub, roomStub } from "./stubs.ts";

/** Who becomes the owner when the owner's account goes: the longest-standing admin, else the
 * longest-standing member; null when nobody else is in the chat. */
export function successor<M extends { user: { id: string; deletedAt?: string | null }; role: string; joinedAt: string }>(members: M[], ownerId: string): M | null {
  const others = members.filter((m) => m.user.id !== ownerId && !m.user.deletedAt).sort((a, b) => (a.joinedAt < b.joinedAt ? -1 : a.joinedAt > b.joinedAt ? 1 : 0));
  return others.find((m) => m.role === "admin") ?? others[0] ?? null;
}

/** The account leaves one chat the way a person would, the owner handing the chat on first. */
async function leave(scope: Scope, chat: ChatRow, role: string, user: User) {
  const { env } = scope;
  const db = getDb(env);
  if (chat.kind === "direct") {
    const peer = (await peersOf(db, [chat.id], user.id)).get(chat.id);
    if (!peer || peer.deletedAt) return destroyChat(scope, chat.id);
    await roomStub(env, chat.id).setClosed("account_deleted");
    inBackground(scope, "inbox.chatChanged", peer.id, inboxStub(env, peer.id).chatChanged(chat.id));
    return;
  }
  if (role === "owner") {
    const next = successor(await listMembers(db, chat.id), user.id);
    if (next) {
      const version = await transferOwnership(db, chat.id, user.id, next.user.id);
      if (version !== null) await roomStub(env, chat.id).ownershipTransferred(user, toUser(next.user), version);
      inBackground(scope, "inbox.chatChanged", next.user.id, inboxStub(env, next.user.id).chatChanged(chat.id));
    }
  }
  // The last member out deletes the chat (removeFromChat).
  await removeFromChat(scope, chat.id, user, user);
}

/** Leaves every group chat (`kind` "group"), or settles every direct one ("direct"). A group
 * that fails fails the whole request before anything is deleted, so a retry finishes it;
 * direct chats are closed only once the account is gone, so a deletion that failed leaves
 * them open. */
async function leaveAll(scope: Scope, user: User, kind: "group" | "direct") {
  const chats = (await listChatsOf(getDb(scope.env), user.id)).filter((c) => c.chat.kind === kind);
  const results = await Promise.allSettled(chats.map((c) => leave(scope, c.chat, c.role, user)));
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return chats.map((c) => c.chat.id);
}

export async function deleteAccount(scope: Scope, user: User) {
  const { env } = scope;
  const db = getDb(env);
  const groups = await leaveAll(scope, user, "group");
  const gone = await tombstoneUser(db, user.id);
  if (!gone.deleted) throw apiError("not_found");
  // A join that raced the leaving above (an invite accepted in another tab) is undone now: a
  // deleted account is a member of no group chat.
  const late = await leaveAll(scope, user, "group");
  const directs = await leaveAll(scope, user, "direct");
  const chatIds = [...groups, ...late, ...directs];
  const row = await findUserById(db, user.id);
  const tombstone = row ? toUser(row) : user;
  await Promise.all([
    closeSessionSockets(env, user.id, gone.sessionIds),
    gone.avatarKey ? deleteObjects(env, [gone.avatarKey]) : null,
    // Old messages and system lines show "Deleted account" in every room the person was in.
    settle("room.profileChanged", chatIds, (chatId) => roomStub(env, chatId).profileChanged(tombstone)),
    settle("inbox.setBlocked", gone.blockers, async (id) => inboxStub(env, id).setBlocked((await blockedBy(db, id)).map((r) => r.user.id))),
  ]);
  for (const { id, toId } of gone.invites) inBackground(scope, "inbox.notify", toId, inboxStub(env, toId).notify({ type: "invite_removed", id }));
  inBackgroundEach(scope, "inbox.setPushEnabled", [user.id], (id) => inboxStub(env, id).setPushEnabled(false));
}

/** Everything the account holds, gathered from D1 and, a bounded page at a time, from the
 * room of every chat the person is in. */
export async function exportAccount(env: Env, userId: string): Promise<AccountExport> {
  const db = getDb(env);
  const row = await findUserById(db, userId);
  if (!row || row.deletedAt) throw apiError("unauthenticated");
  const [chats, blocked] = await Promise.all([listChatsOf(db, userId), blockedBy(db, userId)]);
  const peers = await peersOf(
    db,
    chats.filter((c) => c.chat.kind === "direct").map((c) => c.chat.id),
    userId,
  );
  const perChat = await Promise.all(
    chats.map(async ({ chat, role, joinedAt }) => {
      const room = roomStub(env, chat.id);
      const messages: AccountExport["chats"][number]["messages"] = [];
      let after = 0;
      let truncated = false;
      for (;;) {
        const page = await room.ownMessages(userId, after, exportLimits.pageSize);
        messages.push(...page);
        if (page.length < exportLimits.pageSize) break;
        after = page[page.length - 1]!.seq;
        if (messages.length >= exportLimits.messagesPerChat) {
          truncated = true;
          break;
        }
      }
      const peer = peers.get(chat.id);
      return { id: chat.id, kind: chat.kind, name: chat.kind === "direct" ? (peer ? toUser(peer).displayName : "") : chat.name, role, joinedAt, messages, truncated };
    }),
  );
  return {
    exportedAt: nowIso(),
    profile: { ...toUser(row), createdAt: row.createdAt },
    blocked: blocked.map((b) => toUser(b.user)),
    chats: perChat,
  };
}
