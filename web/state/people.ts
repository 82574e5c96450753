// Other people, as the signed-in user deals with them: the profile card (one at a time, opened
// by clicking a sender or a member) and the list of people they blocked. Owned by the Account,
// so sign-out disposes it with the rest. The server decides what a block refuses
// (docs/security.md "Blocking"); this model only mirrors the list so the card can offer
// "Block" or "Unblock" and Settings can list them.
import { computed, createModel, signal } from "@preact/signals";
import type { User } from "#protocol";
import { isApiError, type ClientErrorCode } from "../api/errors.ts";
import type { Api } from "./io.ts";
import { onDispose } from "./lifetime.ts";

/** `blockChanged`: the user blocked or unblocked someone (an open direct chat with them closes
 * or reopens). */
export const People = createModel((me: User, api: Api["me"], writeTo: (user: User) => Promise<void>, blockChanged: (user: User) => void = () => {}) => {
  /** null until loaded. */
  const blocked = signal<User[] | null>(null);
  const blockedIds = computed(() => new Set((blocked.value ?? []).map((u) => u.id)));
  /** Whose profile card is open. */
  const card = signal<User | null>(null);
  const busy = signal(false);
  /** Why the last action on the card or the list failed, for the view to say. */
  const failure = signal<ClientErrorCode | null>(null);
  let disposed = false;

  async function run(action: () => Promise<void>): Promise<void> {
    busy.value = true;
    failure.value = null;
    try {
      await action();
    } catch (e) {
      if (!disposed) failure.value = isApiError(e) ? e.code : "network";
    } finally {
      if (!disposed) busy.value = false;
    }
  }

  async function load(): Promise<void> {
    try {
      const list = await api.blocked();
      if (!disposed) blocked.value = list;
    } catch {
      // Keep what we had; opening Settings or a card tries again.
    }
  }

  onDispose(() => {
    disposed = true;
    card.value = null;
    blocked.value = null;
  });

  return {
    blocked,
    blockedIds,
    card,
    busy,
    failure,
    load,

    /** Opens `user`'s card (one's own too, without actions). */
    show: (user: User): void => {
      failure.value = null;
      card.value = user;
      if (blocked.peek() === null && user.id !== me.id) void load();
    },

    close: (): void => {
      card.value = null;
      failure.value = null;
    },

    /** Opens (or makes) the direct chat with the card's person, then closes the card. */
    message: (user: User) =>
      run(async () => {
        await writeTo(user);
        if (!disposed) card.value = null;
      }),

    block: (user: User) =>
      run(async () => {
        await api.block(user.id);
        if (disposed) return;
        blocked.value = [...(blocked.peek() ?? []).filter((u) => u.id !== user.id), user];
        blockChanged(user);
      }),

    unblock: (user: User) =>
      run(async () => {
        await api.unblock(user.id);
        if (disposed) return;
        blocked.value = (blocked.peek() ?? []).filter((u) => u.id !== user.id);
        blockChanged(user);
      }),
  };
});

export type PeopleModel = InstanceType<typeof People>;
