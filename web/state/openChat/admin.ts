// Named actions of the chat-info panel. Each calls the API and then brings the local state
// in line at once (the list, the open chat's roster), rather than waiting for the socket's
// system message or the inbox frame that will confirm it a moment later.
//
// The panel's routes (api/membership.ts) are imported here directly rather than through IO:
// this module is loaded only with the panel's lazy chunk, so none of it weighs on the first load.
import type { Chat, Role } from "#protocol";
import { membership as api } from "../../api/membership.ts";
import type { OpenChatModel } from "./openChat.ts";

function chatIdOf(model: OpenChatModel): string {
  return model.chat.peek()!.id;
}

export async function update(model: OpenChatModel, change: { name?: string; visibility?: Chat["visibility"] }): Promise<void> {
  const chat = await api.update(chatIdOf(model), change);
  model.changed(chat);
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
  await api.removeMember(chatIdOf(model), myId);
  model.left();
}

export async function deleteChat(model: OpenChatModel): Promise<void> {
  await api.deleteChat(chatIdOf(model));
  model.left();
}
