// Joining, role changes, leaving, removal and deletion touch places that must agree: D1 (who
// is a member, authoritative, written first), the chat's Durable Object (its copy of the
// roster, open sockets, history) and each affected user's Inbox (told in the background).
import { getDb } from "../db/client.ts";
import { acceptInvite, type InviteRow } from "../db/chats.ts";
import { joinByLink } from "../db/links.ts";
import { addMember, deleteChat, memberIds, otherMemberCount, removeMember, setRole, transferOwnership } from "../db/members.ts";
import { apiError } from "../lib/errors.ts";
import { chatMediaPrefix, deletePrefix } from "../media/store.ts";
import type { Role, User } from "#protocol";
import { inBackground, inBackgroundEach, type Scope } from "./calls.ts";
import { inboxStub, roomStub } from "./stubs.ts";

/** The user is now a member in D1: the room records the join (read mark at the end, a
 * `joined` system message). */
const joined = (env: Env, chatId: string, user: User) => roomStub(env, chatId).memberJoined(user, true);

/** POST /api/chats/:id/join, for a public chat the caller is not in. */
export async function joinPublicChat(env: Env, chatId: string, user: User) {
  if (await addMember(getDb(env), chatId, user.id)) await joined(env, chatId, user);
}

/** Accepting an invite addressed to `user`: 404 if it was withdrawn or used meanwhile. */
export async function joinByInvite(scope: Scope, invite: InviteRow, user: User) {
  if (!(await acceptInvite(getDb(scope.env), invite))) throw apiError("not_found");
  await joined(scope.env, invite.chatId, user);
  inBackground(scope, "inbox.notify", user.id, inboxStub(scope.env, user.id).notify({ type: "invite_removed", id: invite.id }));
}

/** Spends one use of a link: 404 if it stopped being usable meanwhile (expired, used up). */
export async function joinWithLink(env: Env, token: string, chatId: string, user: User) {
  if (!(await joinByLink(getDb(env), token, chatId, user.id))) throw apiError("not_found");
  await joined(env, chatId, user);
}

/** The owner makes `target` an admin or a member, or hands them the ownership. Open sockets
 * carry their user's role, so the room learns it at once. */
export async function changeRole(scope: Scope, chatId: string, owner: User, target: User, from: Role, to: Role) {
  const db = getDb(scope.env);
  const room = roomStub(scope.env, chatId);
  if (to === "owner") {
    await transferOwnership(db, chatId, owner.id, target.id);
    await room.ownershipTransferred(owner, target);
  } else if (to !== from) {
    await setRole(db, chatId, target.id, to);
    await room.roleChanged(target.id, to);
    inBackground(scope, "inbox.chatChanged", target.id, inboxStub(scope.env, target.id).chatChanged(chatId));
  }
}

/** Deletes a chat everywhere: sockets close with 4404, history and media are erased, and
 * every member's tabs drop it. */
export async function destroyChat(scope: Scope, chatId: string) {
  const { env } = scope;
  const db = getDb(env);
  const ids = await memberIds(db, chatId);
  await deleteChat(db, chatId);
  await roomStub(env, chatId).destroy();
  await deletePrefix(env, chatMediaPrefix(chatId));
  inBackgroundEach(scope, "inbox.notify", ids, (id) => inboxStub(env, id).notify({ type: "chat_removed", chatId }));
}

/** `target` leaves (actor = target) or is removed by `actor`. Their sockets in the chat close
 * (4403) before the answer; the last member out deletes the chat. */
export async function removeFromChat(scope: Scope, chatId: string, target: User, actor: User) {
  const { env } = scope;
  const db = getDb(env);
  if ((await otherMemberCount(db, chatId, target.id)) === 0) return destroyChat(scope, chatId);
  await removeMember(db, chatId, target.id);
  await roomStub(env, chatId).memberLeft(target, actor);
  inBackground(scope, "inbox.notify", target.id, inboxStub(env, target.id).notify({ type: "chat_removed", chatId }));
}
