// Who is signed in. `user` is undefined while the first GET /api/me is in flight, null when
// signed out. Any 401 from an authenticated request signs the tab out (the session expired
// or was revoked elsewhere), so screens never have to handle it themselves.
import { signal } from "@preact/signals";
import type { LoginBody, RegisterBody, User } from "../../worker/protocol/index.ts";
import { isApiError, setUnauthenticatedHandler } from "../api/client.ts";
import { auth } from "../api/endpoints.ts";
import { forgetOutboxes } from "../realtime/outbox.ts";

export const user = signal<User | null | undefined>(undefined);

setUnauthenticatedHandler(() => {
  user.value = null;
});

export async function loadSession(): Promise<void> {
  try {
    user.value = await auth.me();
  } catch (e) {
    if (isApiError(e, "unauthenticated")) user.value = null;
    else {
      // The server is unreachable: show sign-in rather than a spinner forever; signing in
      // will tell the user what is wrong.
      user.value = null;
    }
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
    forgetOutboxes();
    user.value = null;
  }
}

/** The server ended the session (a socket closed with 4401). */
export function sessionEnded(): void {
  user.value = null;
}
