// Senders' profiles, copied into the room's SQLite so that messages render without D1. The
// Worker refreshes a copy whenever the user acts here or changes their profile
// (services/profile.ts), so old messages show the current name and picture too.
import type { User } from "#protocol";

export class Profiles {
  constructor(private sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, profile TEXT NOT NULL);");
  }

  remember(user: User) {
    this.sql.exec(
      "INSERT INTO users (id, profile) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile",
      user.id,
      JSON.stringify(user),
    );
  }

  /** A user's profile, or null if this room never saw them. `cache` spans one page of messages. */
  get(id: string | null, cache: Map<string, User | null>): User | null {
    if (id === null) return null;
    if (!cache.has(id)) {
      const row = this.sql.exec<{ profile: string }>("SELECT profile FROM users WHERE id = ?", id).toArray()[0];
      // Written by remember() from a User the Worker had already parsed: not client input.
      cache.set(id, row ? (JSON.parse(row.profile) as User) : null);
    }
    return cache.get(id) ?? null;
  }
}
