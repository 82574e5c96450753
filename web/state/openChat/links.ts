// The invite links of one chat, newest first, for owners and admins (the info panel's links
// section). Like admin.ts, loaded only with the panel's chunk.
import { batch, createModel, signal } from "@preact/signals";
import { membership as api, type InviteLink } from "../../api/membership.ts";

export const LinkList = createModel((chatId: string) => {
  const links = signal<InviteLink[]>([]);
  const loaded = signal(false);
  const error = signal<unknown>(null);
  return {
    links,
    loaded,
    error,
    load: async () => {
      try {
        const list = await api.links(chatId);
        batch(() => {
          links.value = list;
          loaded.value = true;
          error.value = null;
        });
      } catch (e) {
        error.value = e;
      }
    },
    create: async (body: { expiresInHours?: number; maxUses?: number }): Promise<InviteLink> => {
      const link = await api.createLink(chatId, body);
      links.value = [link, ...links.value.filter((l) => l.token !== link.token)];
      return link;
    },
    revoke: async (token: string) => {
      await api.revokeLink(chatId, token);
      links.value = links.value.filter((l) => l.token !== token);
    },
  };
});
export type LinkListModel = InstanceType<typeof LinkList>;
