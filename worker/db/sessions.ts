// Server-side sessions. The cookie carries a JWT whose `sid` is a random secret; D1 stores
// only its SHA-256, so a leaked database does not hand out live sessions.
import { and, eq, ne } from "drizzle-orm";
import { newId, nowIso, randomToken, sha256Hex } from "../lib/ids.ts";
import type { Db } from "./client.ts";
import { sessions, users } from "./schema.ts";

export async function createSession(db: Db, userId: string, userAgent: string, maxMs: number) {
  const secret = randomToken(32);
  const now = new Date();
  const row = {
    id: newId(),
    tokenHash: await sha256Hex(secret),
    userId,
    userAgent: userAgent.slice(0, 300),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + maxMs).toISOString(),
  };
  await db.insert(sessions).values(row);
  return { secret, session: row };
}

export async function findSession(db: Db, secret: string) {
  const tokenHash = await sha256Hex(secret);
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
}

export async function touchSession(db: Db, id: string) {
  await db.update(sessions).set({ lastSeenAt: nowIso() }).where(eq(sessions.id, id));
}

export async function listSessions(db: Db, userId: string) {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(sessions.createdAt).all();
}

export async function deleteSession(db: Db, userId: string, id: string) {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Returns the ids of the sessions it ended, so their open sockets can be closed too. */
export async function deleteOtherSessions(db: Db, userId: string, keepId: string) {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    .returning({ id: sessions.id });
  return gone.map((s) => s.id);
}
