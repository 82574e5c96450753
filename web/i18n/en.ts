// English: the reference dictionary. Every key here must exist in every other language
// (the `Dictionary` type below makes a missing key a type error in ru.ts).
// A value is a string, or plural forms picked by Intl.PluralRules; `{name}` is a parameter.
export type Plural = { one?: string; two?: string; few?: string; many?: string; zero?: string; other: string };
export type Entry = string | Plural;

export const en = {
  "app.name": "qmessenger",
  "app.loading": "Loading…",
  "lang.label": "Language",

  "auth.signIn": "Sign in",
  "auth.signUp": "Create account",
  "auth.signOut": "Sign out",
  "auth.signInTitle": "Sign in to qmessenger",
  "auth.signUpTitle": "Create your account",
  "auth.username": "Username",
  "auth.password": "Password",
  "auth.displayName": "Display name (optional)",
  "auth.toSignUp": "New here? Create an account",
  "auth.toSignIn": "Already have an account? Sign in",
  "auth.tagline": "Fast chats for small teams and friends.",

  "validate.required": "Required",
  "validate.username": "3–32 characters: latin letters, digits and _",
  "validate.password": "At least 8 characters",
  "validate.chatName": "Give the chat a name",

  "error.username_taken": "This username is taken",
  "error.weak_password": "This password is too weak: use 8 or more characters and avoid common passwords",
  "error.invalid_credentials": "Wrong username or password",
  "error.rate_limited": { one: "Too many attempts. Try again in {n} second", other: "Too many attempts. Try again in {n} seconds" },
  "error.network": "Can't reach the server. Check your connection.",
  "error.forbidden": "You are not allowed to do that",
  "error.not_found_user": "There is no user with that username",
  "error.already_member": "{name} is already in this chat",
  "error.already_invited": "{name} is already invited",
  "error.too_large": "That is too long",
  "error.owner_must_transfer": "You own this chat. Make another member the owner first (in the member list), or delete the chat.",
  "error.unknown": "Something went wrong ({code})",

  "chats.title": "Chats",
  "chats.search": "Search chats and people",
  "chats.new": "New chat",
  "chats.newTitle": "New chat",
  "chats.name": "Chat name",
  "chats.create": "Create",
  "chats.empty": "No chats yet. Create one, or accept an invitation.",
  "chats.noMessages": "No messages yet",
  "chats.pick": "Select a chat to start messaging",
  "chats.unread": { one: "{n} unread message", other: "{n} unread messages" },

  "invites.title": "Invitations",
  "invites.from": "{from} invites you to",
  "invites.accept": "Accept",
  "invites.decline": "Decline",

  "chat.members": { one: "{n} member", other: "{n} members" },
  "chat.online": "{n} online",
  "chat.connecting": "Connecting…",
  "chat.back": "Back to chats",
  "chat.invite": "Invite",
  "chat.inviteTitle": "Invite by username",
  "chat.inviteSend": "Send invitation",
  "chat.invited": "Invitation sent to {name}",
  "chat.notFound": "Chat not found",
  "chat.notFoundText": "It does not exist, or you are not a member.",
  "chat.removed": "You are no longer a member of this chat",
  "chat.deleted": "This chat was deleted",
  "chat.start": "This is the beginning of the chat",
  "chat.empty": "No messages yet. Say hello!",
  "chat.loadingOlder": "Loading earlier messages…",
  "chat.typing": "{name} is typing…",
  "chat.typingMany": { one: "{n} person is typing…", other: "{n} people are typing…" },
  "chat.join": "Join chat",
  "chat.toLatest": "Jump to the latest messages",

  "composer.placeholder": "Message",
  "composer.send": "Send",
  "composer.hint": "Enter to send, Shift+Enter for a new line",

  "message.you": "You",
  "message.deleted": "Message deleted",
  "message.edited": "edited",
  "message.sending": "Sending…",
  "message.sent": "Sent",
  "message.failed": "Not sent",
  "message.retry": "Retry",
  "message.attachment": "Attachment",

  "system.joined": "{actor} joined the chat",
  "system.left": "{actor} left the chat",
  "system.removed": "{actor} removed {target}",
  "system.renamed": "{actor} renamed the chat to “{name}”",
  "system.ownership_transferred": "{actor} made {target} the owner",

  "info.title": "Chat info",
  "info.online": "online",

  "search.yourChats": "Your chats",
  "search.publicChats": "Public chats",
  "search.people": "People",
  "search.join": "Join",
  "search.nothing": "Nothing found for “{q}”",
  "search.write": "Write to {name}",

  "join.invited": "You are invited to a chat",
  "join.open": "Open chat",
  "join.invalidTitle": "This invite link no longer works",
  "join.invalidText": "It may have expired, been revoked or used up. Ask for a new one.",
  "join.signInFirst": "Sign in to open the invitation.",

  "notFound.title": "Page not found",
  "notFound.text": "There is nothing at this address.",
  "notFound.home": "Go to chats",

  "dialog.cancel": "Cancel",
  "dialog.close": "Close",
} satisfies Record<string, Entry>;

export type Key = keyof typeof en;
export type Dictionary = Record<Key, Entry>;
