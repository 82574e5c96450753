// A person changed their name, bio or picture (a `profile` frame from a chat or the inbox):
// what every copy of them on screen becomes. Messages, quotes, system lines, member rows and
// chat-list entries each carry a copy of the sender's profile, so each is rewritten here.
// Pure: an object that does not mention the person is returned as it was (same reference), so
// signals holding it do not notify anyone.
import type { Chat, Member, Message, User } from "#protocol";

const swap = (u: User | null, next: User): User | null => (u && u.id === next.id ? next : u);

export function messageWithProfile(m: Message, user: User): Message {
  const sender = swap(m.sender, user);
  const quoted = m.replyTo ? swap(m.replyTo.sender, user) : null;
  const actor = m.system ? swap(m.system.actor, user) : null;
  const target = m.system ? swap(m.system.target, user) : null;
  const changed = sender !== m.sender || (m.replyTo && quoted !== m.replyTo.sender) || (m.system && (actor !== m.system.actor || target !== m.system.target));
  if (!changed) return m;
  return {
    ...m,
    sender,
    replyTo: m.replyTo ? { ...m.replyTo, sender: quoted } : null,
    ...(m.system ? { system: { ...m.system, actor, target } } : {}),
  };
}

/** A direct chat is named after the person in it; its last message may be theirs. */
export function chatWithProfile(chat: Chat, user: User): Chat {
  const peer = swap(chat.peer, user);
  const lastMessage = chat.lastMessage ? messageWithProfile(chat.lastMessage, user) : null;
  if (peer === chat.peer && lastMessage === chat.lastMessage) return chat;
  const renamed = chat.kind === "direct" && peer !== chat.peer;
  return { ...chat, peer, lastMessage, name: renamed ? user.displayName : chat.name };
}

export function memberWithProfile(m: Member, user: User): Member {
  return m.user.id === user.id ? { ...m, user } : m;
}

/** Maps a list, keeping the same array when no item changed. */
export function mapChanged<T>(list: T[], f: (item: T) => T): T[] {
  let changed = false;
  const next = list.map((item) => {
    const n = f(item);
    if (n !== item) changed = true;
    return n;
  });
  return changed ? next : list;
}
