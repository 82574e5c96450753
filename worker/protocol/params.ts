// Path parameters and query strings of the HTTP API (docs/api.md), validated at the Worker's
// edge like bodies are: a malformed one is 400 `invalid_request` before anything is looked up.
import { z } from "zod";
import { emoji, id, limits, text } from "./http.ts";

export const idParam = z.object({ id });
/** /api/chats/:id/members/:userId */
export const memberParam = z.object({ id, userId: id });
/** /api/chats/:id/invites/:inviteId */
export const inviteParam = z.object({ id, inviteId: id });
/** /api/links/:token */
export const tokenParam = z.object({ token: id });
/** /api/chats/:id/links/:token */
export const chatLinkParam = z.object({ id, token: id });
/** /api/chats/:id/messages/:seq: seq 0 names no message. */
export const messageParam = z.object({ id, seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
/** /api/chats/:id/messages/:seq/reactions/:emoji */
export const reactionParam = messageParam.extend({ emoji });
/** /api/chats/:id/uploads/:key */
export const uploadKeyParam = z.object({ id, key: z.uuid() });
/** A media id names its chat, "<chatId>.<random>", so serving it needs no global lookup. */
export const mediaParam = z.object({ id: z.string().regex(/^[a-z0-9]{1,64}\.[a-z0-9]{1,64}$/) });

/** A position in a chat: a seq (history pages) or a rev (socket catch-up); 0 is "before all". */
const position = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** GET /api/chats/:id/messages: the latest page, or the page `before` or `after` a seq, or the
 * page `around` one (a reply's target, a search result), centred on it. */
export const historyQuery = z
  .object({
    before: position.optional(),
    after: position.optional(),
    around: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(limits.historyMax).optional(),
  })
  .refine((q) => [q.before, q.after, q.around].filter((x) => x !== undefined).length <= 1, {
    message: "give at most one of before, after and around",
    path: ["before"],
  });
export type HistoryQuery = z.infer<typeof historyQuery>;

/** GET /api/chats/:id/ws */
export const socketQuery = z.object({
  since: position.optional(),
  /** "batch": read marks arrive as one `reads` frame per interval instead of `read` frames. */
  reads: z.enum(["batch"]).optional(),
});

/** GET /api/chats */
export const chatListQuery = z.object({ q: text().max(100).optional() });

/** GET /api/chats/discover */
export const discoverQuery = z.object({ q: text().trim().max(100).optional() });

/** GET /api/users */
export const userSearchQuery = z.object({ q: text().trim().min(1).max(64) });

/** Where a page of search results ends: results are ordered newest first, then by chat id and
 * seq, both descending, so every result has one place in the order. `<ms>.<seq>.<chatId>`,
 * opaque to clients: they send back the `nextCursor` they got. */
export const searchCursor = z
  .string()
  .regex(/^\d{1,15}\.\d{1,16}\.[a-z0-9]{1,64}$/, "a nextCursor from an earlier page")
  .transform((s) => {
    const [ms, seq, chatId] = s.split(".") as [string, string, string];
    return { createdAt: new Date(Number(ms)).toISOString(), seq: Number(seq), chatId };
  })
  .refine((c) => Number.isSafeInteger(c.seq), { message: "a nextCursor from an earlier page" });
export type SearchCursor = z.infer<typeof searchCursor>;

/** Encodes the place of a result for `searchCursor`. */
export const toSearchCursor = (r: { chatId: string; seq: number; createdAt: string }): string => `${Date.parse(r.createdAt)}.${r.seq}.${r.chatId}`;

export const searchPageMax = 50;

/** GET /api/search */
export const messageSearchQuery = z.object({
  q: text().trim().min(1).max(100),
  chatId: id.optional(),
  cursor: searchCursor.optional(),
  limit: z.coerce.number().int().min(1).max(searchPageMax).optional(),
});

const dimension = z.coerce.number().int().min(0).max(100_000).optional();

/** POST /api/chats/:id/media: what the uploader says about the file (not checked against the
 * bytes), and `key`, a UUID naming this upload so it can be cancelled before its answer comes. */
export const uploadQuery = z.object({
  key: z.uuid().optional(),
  name: text().trim().max(limits.uploadNameMax).optional(),
  width: dimension,
  height: dimension,
  durationMs: z.coerce.number().int().min(0).max(24 * 3600_000).optional(),
});
