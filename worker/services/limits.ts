// Per-user rate limits on actions that make the server work or reach other people: creating
// chats, inviting, joining, searching, uploading. Each is a setting (times RATE_LIMIT_SCALE);
// over it, 429 `rate_limited` with Retry-After, before anything is written.
import type { Context } from "hono";
import { getDb } from "../db/client.ts";
import { take } from "../db/rate-windows.ts";
import type { AppEnv } from "../types.ts";
import { rateLimited } from "../lib/errors.ts";
import { settings, type Settings } from "../lib/settings.ts";

const windows = {
  chats: { setting: "chatsPerHour", ms: 3_600_000, what: "new chats" },
  invites: { setting: "invitesPerHour", ms: 3_600_000, what: "invitations" },
  joins: { setting: "joinsPerHour", ms: 3_600_000, what: "joins" },
  searches: { setting: "searchesPerMinute", ms: 60_000, what: "searches" },
  uploads: { setting: "uploadsPerMinute", ms: 60_000, what: "uploads" },
} as const satisfies Record<string, { setting: keyof Settings; ms: number; what: string }>;

export async function limitUser(c: Context<AppEnv>, action: keyof typeof windows) {
  const w = windows[action];
  const limit = settings(c.env)[w.setting];
  const taken = await take(getDb(c.env), [{ key: `${action}:user:${c.var.user.id}`, limit, windowMs: w.ms }]);
  if (!taken.ok) throw rateLimited(taken.retryAfter, `Too many ${w.what}. Try again in ${taken.retryAfter} s.`);
}
