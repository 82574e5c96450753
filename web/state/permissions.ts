// What the caller's role allows in a chat, as docs/api.md "Who may do what" has it. The
// server enforces all of it; this only decides which controls to show, so nobody is
// offered a button that can only answer 403.
import type { Chat, Role } from "#protocol";

export interface Abilities {
  invite: boolean;
  manageLinks: boolean;
  /** Rename the chat, switch its visibility. */
  edit: boolean;
  /** Make admin / member, transfer ownership. */
  changeRoles: boolean;
  leave: boolean;
  deleteChat: boolean;
  /** Whether the caller may remove a member who has role `target`. */
  remove: (target: Role) => boolean;
}

export function abilities(chat: Pick<Chat, "kind" | "role">): Abilities {
  const role = chat.kind === "group" ? chat.role : null;
  const moderator = role === "owner" || role === "admin";
  return {
    invite: role !== null,
    manageLinks: moderator,
    edit: moderator,
    changeRoles: role === "owner",
    leave: role !== null,
    deleteChat: role === "owner",
    remove: (target) => (role === "owner" ? target !== "owner" : role === "admin" && target === "member"),
  };
}
