// Pending invitations to the signed-in user.
import { signal } from "@preact/signals";
import type { Chat, Invite } from "#protocol";
import { invites as api } from "../api/endpoints.ts";
import { upsert } from "./chats.ts";

export const pending = signal<Invite[]>([]);

export async function reload(): Promise<void> {
  try {
    pending.value = await api.list();
  } catch {
    // Keep what we had; the inbox socket or the next reload will catch up.
  }
}

export function add(invite: Invite): void {
  pending.value = [invite, ...pending.value.filter((i) => i.id !== invite.id)];
}

export function remove(id: string): void {
  pending.value = pending.value.filter((i) => i.id !== id);
}

export async function accept(id: string): Promise<Chat> {
  const chat = await api.accept(id);
  remove(id);
  upsert(chat);
  return chat;
}

export async function decline(id: string): Promise<void> {
  await api.decline(id);
  remove(id);
}

export function reset(): void {
  pending.value = [];
}
