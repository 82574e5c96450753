// A user's profile lives in D1, and a copy of it in every room they are in (to render
// messages without D1): a change of name, bio or picture is written to D1, then sent to each
// of those rooms before the answer (docs/api.md: "the new profile reaches every chat the user
// is in before the answer"), settled so that one failing room does not hold back the rest.
// Each room tells its open sockets (a `profile` frame); the inboxes of everyone who shares a
// chat with the user (and the user's own) are told after the answer, so chat lists, and the
// user's other tabs, redraw the name and picture too.
import { getDb } from "../db/client.ts";
import { listChatsOf } from "../db/chats.ts";
import { coMemberIds } from "../db/members.ts";
import { findUserById, setAvatarKey, toUser, updateProfile } from "../db/users.ts";
import { apiError } from "../lib/errors.ts";
import { deleteObjects, newAvatarKey, putUpload } from "../media/store.ts";
import type { Upload } from "../media/upload.ts";
import type { ProfilePatchBody, User } from "#protocol";
import { inBackground, settle, type Scope } from "./calls.ts";
import { inboxStub, roomStub } from "./stubs.ts";

async function spreadProfile(scope: Scope, user: User) {
  const { env } = scope;
  const chats = await listChatsOf(getDb(env), user.id);
  await settle("room.profileChanged", chats.map(({ chat }) => chat.id), (chatId) => roomStub(env, chatId).profileChanged(user));
  inBackground(
    scope,
    "inbox.profileChanged",
    user.id,
    coMemberIds(getDb(env), user.id).then((ids) => settle("inbox.profileChanged", ids, (id) => inboxStub(env, id).profileChanged(user))),
  );
}

async function currentUser(env: Env, userId: string): Promise<User> {
  const row = await findUserById(getDb(env), userId);
  // The account is gone (deleted meanwhile): the session means nothing any more.
  if (!row) throw apiError("unauthenticated");
  return toUser(row);
}

/** PATCH /api/me: only the given fields change; `{}` changes nothing and tells no room. */
export async function changeProfile(scope: Scope, userId: string, change: ProfilePatchBody): Promise<User> {
  const { env } = scope;
  const changed = await updateProfile(getDb(env), userId, change);
  const user = await currentUser(env, userId);
  if (changed) await spreadProfile(scope, user);
  return user;
}

/** A new picture, or none (null): the old one's bytes are deleted. */
export async function changeAvatar(scope: Scope, userId: string, upload: Upload | null): Promise<User> {
  const { env } = scope;
  const db = getDb(env);
  const key = upload ? newAvatarKey(userId) : null;
  if (upload && key !== null) await putUpload(env, key, upload);
  const before = await findUserById(db, userId);
  await setAvatarKey(db, userId, key);
  if (before?.avatarKey) await deleteObjects(env, [before.avatarKey]);
  const user = await currentUser(env, userId);
  await spreadProfile(scope, user);
  return user;
}
