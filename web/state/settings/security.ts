// The security section: changing the password (the server then ends every other session) and
// the signed-in sessions, each endable. The list is loaded when the screen opens and again
// after anything that changes it; ending this very session is signing out, so it is not
// offered here (the sidebar's Sign out does it).
import { createModel, signal } from "@preact/signals";
import type { SessionInfo } from "../../api/endpoints.ts";
import { onDispose } from "../lifetime.ts";
import type { SettingsHost } from "./settings.ts";

export const Security = createModel((host: SettingsHost) => {
  const api = host.io.api.me;
  const sessions = signal<SessionInfo[] | null>(null);
  const loadError = signal<unknown>(null);
  /** The id of the session being ended, "others" for all the others, or null. */
  const ending = signal<string | null>(null);
  const passwordBusy = signal(false);
  const passwordError = signal<unknown>(null);
  const passwordChanged = signal(false);
  let disposed = false;

  async function load(): Promise<void> {
    try {
      const list = await api.sessions();
      if (disposed) return;
      // The current one first, then the most recently active.
      sessions.value = [...list].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
      loadError.value = null;
    } catch (e) {
      if (!disposed) loadError.value = e;
    }
  }

  async function end(which: string, call: () => Promise<unknown>): Promise<void> {
    ending.value = which;
    try {
      await call();
    } catch (e) {
      if (!disposed) loadError.value = e;
    } finally {
      if (!disposed) ending.value = null;
    }
    if (!disposed) await load();
  }

  void load();
  onDispose(() => {
    disposed = true;
  });

  return {
    sessions,
    loadError,
    ending,
    passwordBusy,
    passwordError,
    passwordChanged,

    endSession: (id: string) => end(id, () => api.endSession(id)),
    endOthers: () => end("others", () => api.endOtherSessions()),

    /** True when the password changed (the form then empties itself). */
    changePassword: async (current: string, next: string): Promise<boolean> => {
      passwordBusy.value = true;
      passwordError.value = null;
      passwordChanged.value = false;
      try {
        await api.changePassword(current, next);
        if (disposed) return true;
        passwordChanged.value = true;
        await load();
        return true;
      } catch (e) {
        if (!disposed) passwordError.value = e;
        return false;
      } finally {
        if (!disposed) passwordBusy.value = false;
      }
    },
  };
});

export type SecurityModel = InstanceType<typeof Security>;
