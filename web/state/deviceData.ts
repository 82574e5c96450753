// What this browser keeps for the signed-in user, forgotten in one place when they sign out on
// purpose or delete their account (a shared computer: the next person must find nothing of
// theirs). Kept: unsent messages and drafts (localStorage), the notification switches
// (localStorage, "qm:<userId>:..."), and the service worker's per-user caches of their chats.
// The theme and the language are the browser's, not the user's, and stay.
import { forgetOutboxes, type OutboxStorage } from "../realtime/outbox.ts";
import type { IO } from "./io.ts";
import { forgetDrafts } from "./openChat/compose.ts";

/** Per-user keys that are not outboxes or drafts (notifications.ts). */
const userPrefix = "qm:";

function forgetUserKeys(storage: OutboxStorage | null): void {
  try {
    const keys: string[] = [];
    for (let i = 0; storage && i < storage.length; i++) keys.push(storage.key(i) ?? "");
    for (const key of keys) if (key.startsWith(userPrefix)) storage?.removeItem(key);
  } catch {
    // Storage unavailable: nothing was stored either.
  }
}

export async function forgetThisDevice(io: IO): Promise<void> {
  forgetOutboxes(io.storage);
  forgetDrafts(io.storage);
  forgetUserKeys(io.storage);
  await io.shell?.forgetUser().catch(() => {});
}
