// The routes behind the chat-info panel (docs/api.md "Chats, members, invites"): roles, removal,
// leaving, invite links, renaming and deleting. Imported only by the lazily loaded panel,
// so none of this weighs on the first load.
import { z } from "zod";
import { chat, role, user, type CreateLinkBody, type PatchChatBody, type Role } from "#protocol";
import { request } from "./client.ts";

// The protocol has no schema for links (they are not shared with the Worker's frames), so
// the shape of docs/api.md "Objects" lives here.
const link = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string().nullable(),
  maxUses: z.number().nullable(),
  uses: z.number(),
});
export type InviteLink = z.infer<typeof link>;

const chatRes = z.object({ chat });
const linkRes = z.object({ link });
const linksRes = z.object({ links: z.array(link) });
const memberRes = z.object({ member: z.object({ user, role }) });

const enc = encodeURIComponent;
const chatUrl = (id: string) => `/api/chats/${enc(id)}`;

export const membership = {
  update: async (id: string, body: PatchChatBody) => (await request("PATCH", chatUrl(id), chatRes, { body })).chat,
  deleteChat: (id: string) => request("DELETE", chatUrl(id), null),
  /** "owner" transfers ownership; the old owner becomes an admin. */
  setRole: async (id: string, userId: string, r: Role) =>
    (await request("PATCH", `${chatUrl(id)}/members/${enc(userId)}`, memberRes, { body: { role: r } })).member,
  /** Removes someone, or leaves when `userId` is the caller's own id. */
  removeMember: (id: string, userId: string) => request("DELETE", `${chatUrl(id)}/members/${enc(userId)}`, null),
  links: async (id: string) => (await request("GET", `${chatUrl(id)}/links`, linksRes)).links,
  createLink: async (id: string, body: CreateLinkBody) => (await request("POST", `${chatUrl(id)}/links`, linkRes, { body })).link,
  revokeLink: (id: string, token: string) => request("DELETE", `${chatUrl(id)}/links/${enc(token)}`, null),
};
