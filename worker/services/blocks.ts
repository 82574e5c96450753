// Blocking (docs/security.md "Blocking"). The block itself is a D1 row; two copies follow it,
// both awaited before the answer so that the block holds when the request returns: the
// blocker's Inbox keeps the list of blocked ids (no push from them), and the pair's direct chat,
// if there is one, is closed to new messages from either side while a block stands between
// them (rooms/closed.ts).
import { addBlock, blockedBy, eitherBlocked, removeBlock } from "../db/blocks.ts";
import { getDb } from "../db/client.ts";
import { findDirect } from "../db/direct.ts";
import { inboxStub, roomStub } from "./stubs.ts";

/** Brings the blocker's Inbox and the pair's direct chat in line with D1. */
async function follow(env: Env, blockerId: string, otherId: string) {
  const db = getDb(env);
  const [list, chatId, blocked] = await Promise.all([blockedBy(db, blockerId), findDirect(db, blockerId, otherId), eitherBlocked(db, blockerId, otherId)]);
  await Promise.all([
    inboxStub(env, blockerId).setBlocked(list.map((r) => r.user.id)),
    chatId ? roomStub(env, chatId).setClosed(blocked ? "blocked" : null) : null,
  ]);
}

export async function block(env: Env, blockerId: string, blockedId: string) {
  await addBlock(getDb(env), blockerId, blockedId);
  await follow(env, blockerId, blockedId);
}

export async function unblock(env: Env, blockerId: string, blockedId: string) {
  await removeBlock(getDb(env), blockerId, blockedId);
  await follow(env, blockerId, blockedId);
}
