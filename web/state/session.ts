// Who is signed in. `user` is undefined while the first GET /api/me is in flight, null when
// signed out. Any 401 from an authenticated request signs the tab out (the session expired
// or was revoked elsewhere), and so does a socket closed with 4401, so screens never have to
// handle it themselves.
//
// The lifecycle: signing in (or finding a session at load) makes the user's Account
// (account.ts), which loads their list and opens their sockets; signing out, or the server
// ending the session, disposes it. One Session lives as long as the tab (main.tsx).
import { batch, computed, createModel, signal, untracked } from "@preact/signals";
import type { LoginBody, RegisterBody, User } from "#protocol";
import { isApiError } from "../api/errors.ts";
import { Account, type AccountModel } from "./account.ts";
import { forgetThisDevice } from "./deviceData.ts";
import type { IO } from "./io.ts";
import { dropPush } from "./push.ts";
import { dispose, onDispose } from "./lifetime.ts";

export const Session = createModel((io: IO) => {
  const user = signal<User | null | undefined>(undefined);
  /** True while the first GET /api/me keeps failing for another reason than "signed out". */
  const unreachable = signal(false);
  const account = signal<AccountModel | null>(null);
  let retry: ReturnType<typeof setTimeout> | null = null;

  /** Switches to `next` (null: signed out): the previous user's account goes first. */
  function become(next: User | null): void {
    batch(() => {
      const current = account.peek();
      if (current && next?.id !== user.peek()?.id) {
        dispose(current);
        account.value = null;
      }
      user.value = next;
      // Untracked: the account is owned by the session's calls, not by whatever effect or
      // model happens to be running when a sign-in completes.
      if (next && !account.peek()) account.value = untracked(() => new Account(next, io, ended, become));
    });
  }

  function ended(): void {
    become(null);
  }

  /**
   * Asks who is signed in. An unreachable server is retried (with growing pauses) rather than
   * taken for "signed out": a signed-in user whose network blinked should not see sign-in.
   */
  async function load(attempt = 0): Promise<void> {
    try {
      const me = await io.api.auth.me();
      unreachable.value = false;
      become(me);
    } catch (e) {
      if (isApiError(e, "unauthenticated")) {
        unreachable.value = false;
        become(null);
        return;
      }
      unreachable.value = true;
      retry = setTimeout(() => void load(attempt + 1), Math.min(15_000, 1000 * 2 ** attempt));
    }
  }

  io.api.onUnauthenticated(ended);

  onDispose(() => {
    if (retry) clearTimeout(retry);
    become(null);
  });

  return {
    user,
    unreachable,
    account,
    /** The server cannot be reached: the app shows what this device kept (web/pwa/shell.ts). */
    offline: computed(() => io.shell?.offline.value ?? false),
    /** A new version of the app waits for "Reload". */
    updateReady: computed(() => io.shell?.updateReady.value ?? false),
    applyUpdate: (): void => io.shell?.applyUpdate(),

    load: () => load(),

    signIn: async (body: LoginBody): Promise<void> => {
      become(await io.api.auth.login(body));
    },

    signUp: async (body: RegisterBody): Promise<void> => {
      become(await io.api.auth.register(body));
    },

    /**
     * Signing out on purpose also forgets everything this browser kept for the user (unsent
     * messages, drafts, the offline copies of their chats: deviceData.ts) and ends this
     * browser's push subscription, first, while the server still knows who asks: on a shared
     * computer the next person must find nothing of theirs. (A session that merely expired
     * keeps them, to be sent after signing in again.)
     */
    signOut: async (): Promise<void> => {
      await dropPush(io);
      try {
        await io.api.auth.logout();
      } finally {
        become(null);
        await forgetThisDevice(io);
      }
    },
  };
});

export type SessionModel = InstanceType<typeof Session>;
