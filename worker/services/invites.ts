// Invites live in D1; the invitee's tabs learn of new and gone ones from their Inbox, in the
// background (calls.ts). Accepting one is a join: membership.ts.
import { getDb } from "../db/client.ts";
import { deleteInvite, insertInvite, isMember, type InviteRow } from "../db/chats.ts";
import { toUser, type UserRow } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import type { Invite, User } from "#protocol";
import { inBackground, type Scope } from "./calls.ts";
import { inboxStub } from "./stubs.ts";

/** Invites `to` into the chat: 409 `already_invited` while an invite to them is pending,
 * `already_member` if they joined meanwhile, 403 if the sender was removed meanwhile. */
export async function sendInvite(scope: Scope, chat: { id: string; name: string }, from: User, to: UserRow): Promise<Invite> {
  const db = getDb(scope.env);
  const inserted = await insertInvite(db, chat.id, from.id, to.id);
  if (!inserted) {
    if (await isMember(db, chat.id, to.id)) throw apiError("already_member");
    if (!(await isMember(db, chat.id, from.id))) throw apiError("forbidden");
    throw apiError("already_invited");
  }
  const invite: Invite = { id: inserted.id, chat: { id: chat.id, name: chat.name }, from, to: toUser(to), createdAt: inserted.createdAt };
  inBackground(scope, "inbox.notify", to.id, inboxStub(scope.env, to.id).notify({ type: "invite", invite }));
  return invite;
}

/** Withdrawn by its sender or a moderator, or declined by the invitee. Removing one that is
 * already gone is no change and tells nobody. */
export async function dropInvite(scope: Scope, invite: InviteRow) {
  if (!(await deleteInvite(getDb(scope.env), invite.id))) return;
  inBackground(scope, "inbox.notify", invite.toId, inboxStub(scope.env, invite.toId).notify({ type: "invite_removed", id: invite.id }));
}
