// Joining, role changes, leaving, removal and deletion touch places that must agree: D1 (who
// is a member, authoritative, written first), the chat's Durable Object (its copy of the
// roster, open sockets, history) and each affected user's Inbox (told in the background).
//
// Each D1 write is conditional on the state the route's access check saw (db/members.ts): a
// write that finds the state changed meanwhile changes nothing, and the request is answered
// for the state as it is now (404 if the member is gone, 403 if the roles no longer allow it).
import { getDb } from "../db/client.ts";
import { acceptInvite, type InviteRow } from "../db/chats.ts";
import { joinByLink } from "../db/links.ts";
import { addMember, findMember, memberIds, otherMemberCount, removeMember, setRole, transferOwnership } from "../db/members.ts";
import { apiError } from "../lib/errors.ts";
import type { Role, User } from "#protocol";
import { inBackground, inBackgroundEach, type Scope } from "./calls.ts";
import { inboxStub, roomStub } from "./stubs.ts";

/** The user is now a member in D1, as of roster `version`: the room records the join (read
 * mark at the end, a `joined` system message). */
const joined = (env: Env, chatId: string, user: User, version: number) =>
  roomStub(env, chatId).memberJoined(user, { role: "member", version, announce: true });

/** Invitations that stopped being pending as a side effect: their addressees' tabs drop them. */
function inviteGone(scope: Scope, invites: { id: string; toId: string }[]) {
  for (const { id, toId } of invites) inBackground(scope, "inbox.notify", toId, inboxStub(scope.env, toId).notify({ type: "invite_removed", id }));
}

/** POST /api/chats/:id/join, for a public chat the caller is not in. */
export async function joinPublicChat(scope: Scope, chatId: string, user: User) {
  const { version, withdrawn } = await addMember(getDb(scope.env), chatId, user.id);
  if (version !== null) await joined(scope.env, chatId, user, version);
  inviteGone(scope, withdrawn.map((id) => ({ id, toId: user.id })));
}

/** Accepting an invite addressed to `user`: 404 if it was withdrawn or used meanwhile, 409
 * `already_member` if they are in the chat already (the invite is used up either way). */
export async function joinByInvite(scope: Scope, invite: InviteRow, user: User) {
  const { accepted, version } = await acceptInvite(getDb(scope.env), invite);
  if (!accepted) throw apiError("not_found");
  inviteGone(scope, [{ id: invite.id, toId: user.id }]);
  if (version === null) throw apiError("already_member");
  await joined(scope.env, invite.chatId, user, version);
}

/** Spends one use of a link. False if it stopped being usable meanwhile (expired, used up) or
 * the user is a member already (nothing spent). */
export async function joinWithLink(scope: Scope, token: string, chatId: string, user: User): Promise<boolean> {
  const { version, withdrawn } = await joinByLink(getDb(scope.env), token, chatId, user.id);
  if (version === null) return false;
  await joined(scope.env, chatId, user, version);
  inviteGone(scope, withdrawn.map((id) => ({ id, toId: user.id })));
  return true;
}

/** Why a conditional write found nothing to change: the member is gone (404), or the roles
 * changed so that the request is no longer allowed. */
async function refusedNow(env: Env, chatId: string, target: User, self: boolean): Promise<never> {
  const now = await findMember(getDb(env), chatId, target.id);
  if (!now) throw apiError("not_found", { message: "No such member." });
  if (self && now.role === "owner") throw apiError("owner_must_transfer");
  throw apiError("forbidden", { message: "The roles in this chat changed meanwhile." });
}

/** The owner makes `target` an admin or a member, or hands them the ownership. The room looks
 * up each socket's role in its roster, so it learns it at once. */
export async function changeRole(scope: Scope, chatId: string, owner: User, target: User, from: Role, to: Role) {
  const db = getDb(scope.env);
  const room = roomStub(scope.env, chatId);
  if (to === "owner") {
    const version = await transferOwnership(db, chatId, owner.id, target.id);
    if (version === null) return refusedNow(scope.env, chatId, target, false);
    await room.ownershipTransferred(owner, target, version);
  } else if (to !== from) {
    const version = await setRole(db, chatId, owner.id, target.id, to);
    if (version === null) return refusedNow(scope.env, chatId, target, false);
    await room.roleChanged(target.id, to, version);
    inBackground(scope, "inbox.chatChanged", target.id, inboxStub(scope.env, target.id).chatChanged(chatId));
  }
}

/** Deletes a chat everywhere, in an order that cannot half-happen: the room first marks
 * itself deleted (from then on it refuses every write and upgrade, and its sockets close with
 * 4404), then erases D1, R2 and its own storage, each step safe to repeat; if this request
 * stops in between, the room's alarm finishes the erasure. Every member's tabs drop the chat. */
export async function destroyChat(scope: Scope, chatId: string) {
  const { env } = scope;
  const ids = await memberIds(getDb(env), chatId);
  const room = roomStub(env, chatId);
  await room.markDeleted();
  await room.erase();
  inBackgroundEach(scope, "inbox.notify", ids, (id) => inboxStub(env, id).notify({ type: "chat_removed", chatId }));
}

/** `target` leaves (actor = target) or is removed by `actor`. Their sockets in the chat close
 * (4403) before the answer; the last member out deletes the chat. The invitations they had
 * pending in the chat are withdrawn. */
export async function removeFromChat(scope: Scope, chatId: string, target: User, actor: User) {
  const { env } = scope;
  const db = getDb(env);
  if ((await otherMemberCount(db, chatId, target.id)) === 0) return destroyChat(scope, chatId);
  const { version, withdrawn } = await removeMember(db, chatId, target.id, actor.id);
  if (version === null) return refusedNow(env, chatId, target, actor.id === target.id);
  await roomStub(env, chatId).memberLeft(target, actor, version);
  inBackground(scope, "inbox.notify", target.id, inboxStub(env, target.id).notify({ type: "chat_removed", chatId }));
  inviteGone(scope, withdrawn);
}
