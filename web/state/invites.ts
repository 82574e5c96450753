// Pending invitations to the signed-in user, shown above the chat list. Accepting one puts
// its chat in the list at once, without waiting for the inbox frame that follows.
import { createModel, signal } from "@preact/signals";
import type { Chat, Invite } from "#protocol";
import type { ChatListModel } from "./chatList.ts";
import type { Api } from "./io.ts";
import { onDispose } from "./lifetime.ts";

export const Invites = createModel((api: Api["invites"], list: ChatListModel) => {
  const pending = signal<Invite[]>([]);
  let disposed = false;

  function remove(id: string): void {
    pending.value = pending.value.filter((i) => i.id !== id);
  }

  onDispose(() => {
    disposed = true;
    pending.value = [];
  });

  return {
    pending,

    reload: async (): Promise<void> => {
      try {
        const list = await api.list();
        if (!disposed) pending.value = list;
      } catch {
        // Keep what we had; the inbox socket or the next reload will catch up.
      }
    },

    add: (invite: Invite): void => {
      if (!disposed) pending.value = [invite, ...pending.value.filter((i) => i.id !== invite.id)];
    },

    remove,

    accept: async (id: string): Promise<Chat> => {
      const chat = await api.accept(id);
      remove(id);
      list.upsert(chat);
      return chat;
    },

    decline: async (id: string): Promise<void> => {
      await api.decline(id);
      remove(id);
    },
  };
});

export type InvitesModel = InstanceType<typeof Invites>;
