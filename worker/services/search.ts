// Message search over several chats: each chat's Durable Object searches its own history,
// this merges the results, newest first.
import type { Chat, SearchResults } from "#protocol";
import { roomStub } from "./stubs.ts";

const LIMIT = 50;

/** Searches `chats` (as the caller sees them: direct chats under the peer's name). */
export async function searchChats(env: Env, chats: Chat[], viewerId: string, q: string): Promise<SearchResults["results"]> {
  const found = await Promise.all(
    chats.map(async (chat) => {
      const messages = await roomStub(env, chat.id).search(viewerId, q, LIMIT);
      return messages.map((message) => ({ chat: { id: chat.id, name: chat.name }, message }));
    }),
  );
  return found
    .flat()
    .sort((a, b) => b.message.createdAt.localeCompare(a.message.createdAt))
    .slice(0, LIMIT);
}
