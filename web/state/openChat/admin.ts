// Named actions of the chat-info panel. Each calls the API and then brings the local state
// in line at once (the list, the open chat's roster), rather than waiting for the socket's
// system message or the inbox frame that will confirm it a moment later.
import { batch, createModel, signal } from "@preact/signals";
import type { Chat, Role } from "#protocol";
import { membership as api, type InviteLink } from "../../api/membership.ts";
import * as chats from "../chats.ts";
import type { OpenChatModel } from "./openChat.ts";
import { navigate } from "../router.ts";

function chatIdOf(model: OpenChatModel): string {
  return model.chat.peek()!.id;
}

export async function update(model: OpenChatModel, change: { name?: string; visibility?: Chat["visibility"] }): Promise<void> {
  const chat = await api.update(chatIdOf(model), change);
  chats.upsert(chat);
  await model.refresh();
}

export async function setRole(model: OpenChatModel, userId: string, role: Role): Promise<void> {
  const member = await api.setRole(chatIdOf(model), userId, role);
  // A transfer changes two roles (the old owner becomes an admin) and the caller's own.
  if (role === "owner") await model.refresh();
  else model.roster.setRole(member.user.id, member.role);
}

export async function removeMember(model: OpenChatModel, userId: string): Promise<void> {
  await api.removeMember(chatIdOf(model), userId);
  model.roster.drop(userId);
}

/** Leaves (the owner gets `owner_must_transfer` while others remain) and goes to the list. */
export async function leave(model: OpenChatModel, myId: string): Promise<void> {
  const id = chatIdOf(model);
  await api.removeMember(id, myId);
  chats.remove(id);
  navigate("/", { replace: true });
}

export async function deleteChat(model: OpenChatModel): Promise<void> {
  const id = chatIdOf(model);
  await api.deleteChat(id);
  chats.remove(id);
  navigate("/", { replace: true });
}

/** The invite links of one chat, newest first, for owners and admins. */
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
