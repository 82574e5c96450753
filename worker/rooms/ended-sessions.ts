// Sessions this room has been told were revoked (sign-out, revoked from the sessions list,
// another device signed out, a password change). Their open sockets are closed when the notice
// arrives; remembering the ids lets the room also refuse an upgrade that passed the Worker's
// session check just before the revocation and reached the room after it. An id is kept until
// the session could not have been valid anyway (`forgetAt`: its longest possible lifetime).
export class EndedSessions {
  constructor(private sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS ended_sessions (session_id TEXT PRIMARY KEY, forget_at INTEGER NOT NULL);");
  }

  add(sessionIds: string[], forgetAt: number, now = Date.now()) {
    for (const id of sessionIds) {
      this.sql.exec("INSERT INTO ended_sessions (session_id, forget_at) VALUES (?, ?) ON CONFLICT (session_id) DO UPDATE SET forget_at = excluded.forget_at", id, forgetAt);
    }
    this.sql.exec("DELETE FROM ended_sessions WHERE forget_at <= ?", now);
  }

  has(sessionId: string): boolean {
    return this.sql.exec("SELECT 1 FROM ended_sessions WHERE session_id = ?", sessionId).toArray().length > 0;
  }
}
