// A round badge: the person's picture when they have one, else the first letter of a name.
// The color (one of eight CSS classes, not an inline style: the CSP forbids those) is stable
// per seed.
import type { Chat, User } from "#protocol";

type Size = "sm" | "md" | "lg";

export function Avatar({ name, seed, url, size = "md" }: { name: string; seed: string; url?: string | null; size?: Size }) {
  if (url) return <img class={`avatar avatar-${size}`} src={url} alt="" loading="lazy" decoding="async" />;
  let h = 0;
  for (const ch of seed) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const letter = [...name.trim()][0]?.toLocaleUpperCase() ?? "?";
  return (
    <span class={`avatar avatar-${size} avatar-c${h % 8}`} aria-hidden="true">
      {letter}
    </span>
  );
}

export function UserAvatar({ user, size }: { user: User; size?: Size }) {
  return <Avatar name={user.displayName} seed={user.id} url={user.avatarUrl} size={size} />;
}

/** A direct chat looks like the person in it; a group has its own letter. */
export function ChatAvatar({ chat, size }: { chat: Pick<Chat, "id" | "name" | "peer">; size?: Size }) {
  return chat.peer ? <UserAvatar user={chat.peer} size={size} /> : <Avatar name={chat.name} seed={chat.id} size={size} />;
}
