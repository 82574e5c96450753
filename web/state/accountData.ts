// The account itself, from Settings: where its data export downloads from, and deleting it.
// Deleting ends the session like signing out on purpose: what this device kept for the person
// (unsent messages, drafts) is forgotten, since nobody will sign in as them again.
import { createModel, signal } from "@preact/signals";
import { isApiError, type ClientErrorCode } from "../api/errors.ts";
import type { IO } from "./io.ts";
import { onDispose } from "./lifetime.ts";

/** GET /api/me/export (docs/api.md): the browser downloads it itself, through a plain link. */
const EXPORT_URL = "/api/me/export";

export const AccountData = createModel((io: Pick<IO, "api">, deleted: () => void) => {
  const busy = signal(false);
  const failure = signal<ClientErrorCode | null>(null);
  let disposed = false;
  onDispose(() => {
    disposed = true;
  });

  return {
    /** A plain link to it downloads the JSON file (the server marks it an attachment). */
    exportUrl: signal(EXPORT_URL),
    busy,
    failure,

    clearFailure: (): void => {
      failure.value = null;
    },

    /** Deletes the account; a refusal (wrong password, typed name) leaves everything as it was. */
    remove: async (username: string, password: string): Promise<boolean> => {
      busy.value = true;
      failure.value = null;
      try {
        await io.api.me.remove({ username, password });
        deleted();
        return true;
      } catch (e) {
        if (!disposed) failure.value = isApiError(e) ? e.code : "network";
        return false;
      } finally {
        if (!disposed) busy.value = false;
      }
    },
  };
});

export type AccountDataModel = InstanceType<typeof AccountData>;
