// Who is signed in. `user` is undefined while the first GET /api/me is in flight, null when
// signed out. Any 401 from an authenticated request signs the tab out (the session expired
// or was revoked elsewhere), so screens never have to handle it themselves.
import { signal } from "@preact/signals";
import type { LoginBody, RegisterBody, User } from "#protocol";
import { setUnauthenticatedHandler } from "../api/client.ts";
import { isApiError } from "../api/errors.ts";
import { auth } from "../api/endpoints.ts";
import { browserStorage, forgetOutboxes } from "../realtime/outbox.ts";

export const user = signal<User | null | undefined>(undefined);

setUnauthenticatedHandler(() => {
  user.value = null;
});

/** True while the first GET /api/me keeps failing for another reason than "signed out". */
export const unreachable = signal(false);

/**
 * Asks who is signed in. An unreachable server is retried (with growing pauses) rather than
 * taken for "signed out": a signed-in user whose network blinked should not see sign-in.
 */
export async function loadSession(attempt = 0): Promise<void> {
  try {
    user.value = await auth.me();
    unreachable.value = false;
  } catch (e) {
    if (isApiError(e, "unauthenticated")) {
      user.value = null;
      unreachable.value = false;
      return;
    }
    unreachable.value = true;
    setTimeout(() => void loadSession(attempt + 1), Math.min(15_000, 1000 * 2 ** attempt));
  }
}

export async function signIn(body: LoginBody): Promise<void> {
  user.value = await auth.login(body);
}

export async function signUp(body: RegisterBody): Promise<void> {
  user.value = await auth.register(body);
}

/**
 * Signing out on purpose also forgets unsent messages: on a shared computer the next person
 * must not find them in storage. (A session that merely expired keeps them, to be sent
 * after signing in again.)
 */
export async function signOut(): Promise<void> {
  try {
    await auth.logout();
  } finally {
    forgetOutboxes(browserStorage());
    user.value = null;
  }
}

/** The server ended the session (a socket closed with 4401). */
export function sessionEnded(): void {
  user.value = null;
}
