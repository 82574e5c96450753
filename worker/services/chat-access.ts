// Who may see and act in a chat (docs/api.md "Who may do what"). A private chat does not exist
// for a non-member (404, its existence must not leak); a public one can be read by anyone
// signed in, but acting in it takes membership (403).
import type { Context } from "hono";
import { getDb } from "../db/client.ts";
import { findChatFor, findMembership } from "../db/chats.ts";
import { apiError } from "../lib/errors.ts";
import { hasRole, type Role } from "#protocol";
import type { AppEnv } from "../types.ts";
import type { ChatRowView } from "./chat-view.ts";

export type Access = "read" | "member" | "admin" | "owner";

/** The chat with the caller's membership, for a caller who is in it. */
export type MemberView = ChatRowView & { role: Role };

export async function chatAccess(c: Context<AppEnv>, chatId: string, need: "read"): Promise<ChatRowView>;
export async function chatAccess(c: Context<AppEnv>, chatId: string, need: Exclude<Access, "read">): Promise<MemberView>;
export async function chatAccess(c: Context<AppEnv>, chatId: string, need: Access): Promise<ChatRowView>;
export async function chatAccess(c: Context<AppEnv>, chatId: string, need: Access): Promise<ChatRowView> {
  const row = await findChatFor(getDb(c.env), chatId, c.var.user.id);
  if (!row || (row.role === null && row.chat.visibility === "private")) throw apiError("not_found");
  if (need === "read") return row;
  if (row.role === null) throw apiError("forbidden", { message: "Join the chat first." });
  if (!hasRole(row.role, need)) throw apiError("forbidden");
  return row;
}

/** The socket upgrade's check: the caller is a member; no member count (the route has no use
 * for it). Same refusals as chatAccess(c, id, "member"). */
export async function memberAccess(c: Context<AppEnv>, chatId: string) {
  const row = await findMembership(getDb(c.env), chatId, c.var.user.id);
  if (!row || (row.role === null && row.chat.visibility === "private")) throw apiError("not_found");
  if (row.role === null) throw apiError("forbidden", { message: "Join the chat first." });
  return { ...row, role: row.role };
}
