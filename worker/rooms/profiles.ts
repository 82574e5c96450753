// Senders' profiles, copied into the room's SQLite so that messages render without D1. The
// Worker refreshes a copy whenever the user acts here or changes their profile
// (services/profile.ts), so old messages show the current name and picture too.
import type { User } from "#protocol";

export class Profiles {
  /** The stored profile text per user, as far as this wake has read or written it: a profile
   * that did not change is not written again (every upgrade and send passes one). */
  #stored = new Map<string, string | null>();

  constructor(private sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, profile TEXT NOT NULL);");
  }

  /** Stores `user`'s profile unless the room already has exactly this one. */
  remember(user: User) {
    const text = JSON.stringify(user);
    if (this.#text(user.id) === text) return;
    this.sql.exec(
      "INSERT INTO users (id, profile) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile",
      user.id,
      text,
    );
    this.#stored.set(user.id, text);
  }

  #text(id: string): string | null {
    if (!this.#stored.has(id)) this.#stored.set(id, this.sql.exec<{ profile: string }>("SELECT profile FROM users WHERE id = ?", id).toArray()[0]?.profile ?? null);
    return this.#stored.get(id) ?? null;
  }

  /** A user's profile, or null if this room never saw them. `cache` spans one page of messages. */
  get(id: string | null, cache: Map<string, User | null>): User | null {
    if (id === null) return null;
    if (!cache.has(id)) {
      const text = this.#text(id);
      // Written by remember() from a User the Worker had already parsed: not client input.
      cache.set(id, text === null ? null : (JSON.parse(text) as User));
    }
    return cache.get(id) ?? null;
  }
}
