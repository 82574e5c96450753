// Message search over several chats: each chat's Durable Object searches its own history,
// this merges the results into one order (newest first, then chat id and seq, descending)
// and cuts a page from it. The cursor is the last result's place in that order, so the next
// page asks every room only for what comes after it.
import { toSearchCursor, type Chat, type SearchCursor, type SearchResults } from "#protocol";
import { roomStub } from "./stubs.ts";

type Result = SearchResults["results"][number];

const key = (r: Result) => ({ createdAt: r.message.createdAt, chatId: r.chat.id, seq: r.message.seq });

function newestFirst(a: Result, b: Result): number {
  const x = key(a);
  const y = key(b);
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? 1 : -1;
  if (x.chatId !== y.chatId) return x.chatId < y.chatId ? 1 : -1;
  return y.seq - x.seq;
}

/** Searches `chats` (as the caller sees them: direct chats under the peer's name). */
export async function searchChats(env: Env, chats: Chat[], viewerId: string, q: string, limit: number, after?: SearchCursor): Promise<SearchResults> {
  // One more than the page from each room tells whether another page exists.
  const found = await Promise.all(
    chats.map(async (chat) => {
      const messages = await roomStub(env, chat.id).search(viewerId, q, limit + 1, after);
      return messages.map((message) => ({ chat: { id: chat.id, name: chat.name }, message }));
    }),
  );
  const all = found.flat().sort(newestFirst);
  const results = all.slice(0, limit);
  const last = results.at(-1);
  return { results, nextCursor: all.length > limit && last ? toSearchCursor(key(last)) : null };
}
