// Fuzzing the message routes (docs/api.md "Messages"): post, edit, read, reactions with any path
// segment for the emoji and the seq, the history query and search. Refusals must leave the
// room's history (and its `rev`, which every change moves) and the read marks as they were.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { message as messageSchema, type Message } from "#protocol";
import {
  emojiLike,
  naughtyString,
  nearObject,
  numberText,
  oddNumber,
  pathSegment,
  queryString,
  seqLike,
  textNear,
  toJsonText,
  wild,
} from "../fuzz/arbitraries.ts";
import { asParsed, BODY, checkResponse, expectSame, getJson, label, params, show, snapshot, Tally, timeoutFor, Tracked } from "../fuzz/harness.ts";
import { Client } from "./client.ts";

const tally = new Tally();
afterAll(() => tally.report("fuzz-messages"));

/**
 * A chat with history to aim at: seq 1 the member's "joined" (system), 2-3 the owner's,
 * 4 the member's, 5 a deleted one of the owner's.
 */
async function setup() {
  const owner = await Client.register();
  const member = await Client.register();
  const outsider = await Client.register();
  const chat = await owner.createChat("Fuzz messages");
  await owner.addMember(chat.id, member); // seq 1: "joined" (system)
  const post = async (c: Client, body: string) =>
    (await c.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body }, 201)).message;
  const own = [await post(owner, "first"), await post(owner, "second")]; // 2, 3
  const theirs = await post(member, "from the member"); // 4
  const gone = await post(owner, "to be deleted"); // 5
  await owner.json("DELETE", `/api/chats/${chat.id}/messages/${gone.seq}`, undefined, 204);
  return { owner, member, outsider, chat, own, theirs, gone, systemSeq: 1 };
}

const history = async (c: Client, chatId: string) => getJson(c, `/api/chats/${chatId}/messages?limit=100`) as Promise<{ messages: Message[]; rev: number }>;

describe("fuzz: message routes", () => {
  it(
    "POST /api/chats/:id/messages stores a valid message once per clientId and refuses the rest without a trace",
    async () => {
      const s = await setup();
      const target = "POST messages";
      tally.start(target);
      const state = await new Tracked(() => snapshot(s.owner, s.chat.id)).init();
      const known = [s.own[0]!.clientId!, s.theirs.clientId!];
      const body = nearObject({
        clientId: {
          valid: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom(...known) }),
          near: fc.constantFrom("", "not-a-uuid", "{6fa459ea-ee8a-3ca4-894e-db77e160355e}", "6fa459eaee8a3ca4894edb77e160355e", "6FA459EA-EE8A-3CA4-894E-DB77E160355E", "00000000-0000-0000-0000-000000000000"),
        },
        body: textNear(1, 4000),
        replyTo: { valid: fc.integer({ min: 1, max: 5 }), near: fc.oneof(fc.constantFrom(0, -1, 6, 1e6, 1.5, "1"), oddNumber), optional: true },
        attachmentIds: { valid: fc.constantFrom([], [], ["nope"]), near: fc.oneof(fc.array(naughtyString, { maxLength: 12 }), fc.constant(Array(11).fill("a"))), optional: true },
      });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("owner", "owner", "owner", "member", "outsider"), body, async (actor, generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const client = { owner: s.owner, member: s.member, outsider: s.outsider }[actor]!;
          const before = state.last[3] as { messages: Message[]; rev: number };
          const res = await client.request("POST", `/api/chats/${s.chat.id}/messages`, sent);
          const out = await checkResponse(res, `${actor} post ${show(sent)}`, [200, 201], [...BODY, "not_found", "forbidden", "rate_limited"]);
          tally.add(target, label(out));
          if (out.code === null) {
            const m = out.body.message;
            expect(messageSchema.safeParse(m).success, JSON.stringify(m)).toBe(true);
            expect(m.clientId).toBe(input.clientId);
            expect(m.sender.id).toBe(client.user.id);
            if (out.status === 201) {
              expect(m.seq).toBe(before.messages.at(-1)!.seq + 1);
              expect(m.rev).toBe(before.rev + 1);
              expectSame(m.body, input.body.trim(), "the body as given, trimmed");
              expect(m.replyTo?.seq ?? null).toBe(input.replyTo ?? null);
            } else {
              // A retry: the original, unchanged, whatever the retry's body said.
              expect(before.messages.find((x) => x.clientId === input.clientId)).toBeDefined();
            }
            await state.refresh();
            if (out.status === 200) await state.unchanged(`retry ${show(sent)}`);
          } else {
            if (actor === "outsider" && !BODY.includes(out.code!)) expect(out.code).toBe("not_found");
            await state.unchanged(`${actor} post ${show(sent)}`);
          }
        }),
        params(20),
      );
      tally.stop(target);
    },
    timeoutFor(20),
  );

  it(
    "PATCH /api/chats/:id/messages/:seq edits only the caller's own live text messages",
    async () => {
      const s = await setup();
      const target = "PATCH messages/:seq";
      tally.start(target);
      const state = await new Tracked(() => snapshot(s.owner, s.chat.id)).init();
      const seqSegment = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 7 }).map(String) }, { weight: 1, arbitrary: numberText.filter((t) => t.trim() !== "" && t !== "-0") }, { weight: 1, arbitrary: pathSegment(naughtyString) });
      const body = nearObject({ body: textNear(1, 4000) });
      await fc.assert(
        fc.asyncProperty(seqSegment, body, async (seq, generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const res = await s.owner.request("PATCH", `/api/chats/${s.chat.id}/messages/${seq}`, sent);
          const out = await checkResponse(res, `edit ${seq} ${show(sent)}`, [200], [...BODY, "not_found", "forbidden"]);
          tally.add(target, label(out));
          if (out.status === 200) {
            const m = out.body.message;
            expect([s.own[0]!.seq, s.own[1]!.seq]).toContain(m.seq);
            expectSame(m.body, input.body.trim(), "the body as given, trimmed");
            expect(m.editedAt).not.toBeNull();
            await state.refresh();
          } else {
            if (Number(seq) === s.theirs.seq && !BODY.includes(out.code!)) expect(out.code).toBe("forbidden");
            if (Number(seq) === s.gone.seq && !BODY.includes(out.code!)) expect(out.code).toBe("not_found");
            await state.unchanged(`edit ${seq} ${show(sent)}`);
          }
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );

  it(
    "POST /api/chats/:id/read moves the read mark forward only, to at most the last message",
    async () => {
      const s = await setup();
      const target = "POST read";
      tally.start(target);
      const state = await new Tracked(() => snapshot(s.member, s.chat.id)).init();
      const body = nearObject({ seq: { valid: seqLike, near: oddNumber } });
      await fc.assert(
        fc.asyncProperty(body, async (generated: any) => {
          const sent = toJsonText(generated);
          const input = asParsed(sent);
          const mark = (state.last[1].chats as any[]).find((c) => c.id === s.chat.id).lastReadSeq as number;
          const res = await s.member.request("POST", `/api/chats/${s.chat.id}/read`, sent);
          const out = await checkResponse(res, `read ${show(sent)}`, [204], [...BODY]);
          tally.add(target, label(out));
          if (out.status === 204) {
            await state.refresh();
            const now = (state.last[1].chats as any[]).find((c) => c.id === s.chat.id).lastReadSeq;
            expect(now).toBe(Math.max(mark, Math.min(input.seq, s.gone.seq)));
          } else {
            await state.unchanged(`read ${show(sent)}`);
          }
        }),
        params(12),
      );
      tally.stop(target);
    },
    timeoutFor(12),
  );

  it(
    "PUT and DELETE .../reactions/:emoji take one emoji of any kind in the path and refuse anything else without a trace",
    async () => {
      const s = await setup();
      const target = "PUT|DELETE reactions/:emoji";
      tally.start(target);
      const state = await new Tracked(() => snapshot(s.member, s.chat.id)).init();
      const seqSegment = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 7 }).map(String) }, { weight: 1, arbitrary: pathSegment(naughtyString) });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("PUT", "PUT", "DELETE"), seqSegment, pathSegment(emojiLike), async (method, seq, emoji) => {
          const url = `/api/chats/${s.chat.id}/messages/${seq}/reactions/${emoji}`;
          const res = await s.member.request(method, url);
          // A message takes at most 20 different emoji (a long run reaches that).
          const out = await checkResponse(res, `${method} ${url}`, [204], ["invalid_request", "not_found", "too_many_reactions"]);
          tally.add(target, label(out));
          if (out.status === 204) {
            await state.refresh();
            const m = (state.last[3].messages as Message[]).find((x) => x.seq === Number(seq))!;
            expect(m.kind).toBe("text");
            expect(m.deleted).toBe(false);
            // What the server got is the path as the URL parser left it (a raw segment loses
            // trailing spaces and tabs, for one), not what the test wrote.
            const decoded = decodeURIComponent(new URL(url, "https://qm.test").pathname.split("/").pop()!);
            const mine = m.reactions.find((r) => r.emoji === decoded)?.me ?? false;
            expect(mine, `${method} ${decoded} on ${seq}`).toBe(method === "PUT");
          } else {
            await state.unchanged(`${method} ${url}`);
          }
        }),
        params(25),
      );
      tally.stop(target);
    },
    timeoutFor(25),
  );

  it(
    "GET /api/chats/:id/messages pages history as documented for any query",
    async () => {
      const s = await setup();
      const target = "GET messages?before&after&around&limit";
      tally.start(target);
      const all = (await history(s.owner, s.chat.id)).messages;
      await fc.assert(
        fc.asyncProperty(queryString({ before: numberText, after: numberText, around: numberText, limit: numberText }), async (qs) => {
          const url = `/api/chats/${s.chat.id}/messages?${qs}`;
          const res = await s.member.request("GET", url);
          const out = await checkResponse(res, `GET ${url}`, [200], ["invalid_request"]);
          tally.add(target, label(out));
          if (out.status !== 200) return;
          const q = Object.fromEntries(new URLSearchParams(qs));
          const limit = q.limit === undefined ? 50 : Number(q.limit);
          const page = out.body as { messages: Message[]; hasMore: boolean; rev: number };
          const seqs = page.messages.map((m) => m.seq);
          expect(seqs, "ascending").toEqual([...seqs].sort((a, b) => a - b));
          expect(seqs.length).toBeLessThanOrEqual(limit);
          let expected = all.map((m) => m.seq);
          if (q.after !== undefined) expected = expected.filter((x) => x > Number(q.after)).slice(0, limit);
          else if (q.around !== undefined) {
            // Centred on `around`: half the limit before it (rounded down) and the rest from it
            // on, the other side taking whatever one side cannot fill.
            const older = expected.filter((x) => x < Number(q.around));
            const newer = expected.filter((x) => x >= Number(q.around));
            let after = Math.min(newer.length, limit - Math.floor(limit / 2));
            const before = Math.min(older.length, limit - after);
            after = Math.min(newer.length, limit - before);
            expected = [...older.slice(older.length - before), ...newer.slice(0, after)];
          } else expected = expected.filter((x) => q.before === undefined || x < Number(q.before)).slice(-limit);
          expect(seqs, url).toEqual(expected);
        }),
        params(20),
      );
      tally.stop(target);
    },
    timeoutFor(20),
  );

  it(
    "GET /api/search answers any query with results from the caller's chats or a documented refusal",
    async () => {
      const s = await setup();
      const stranger = await Client.register();
      const secret = await stranger.createChat("Not yours");
      await stranger.json("POST", `/api/chats/${secret.id}/messages`, { clientId: crypto.randomUUID(), body: "first secret" }, 201);
      const target = "GET /api/search";
      tally.start(target);
      const chatIds = fc.oneof(fc.constantFrom(s.chat.id, secret.id), naughtyString);
      await fc.assert(
        fc.asyncProperty(queryString({ q: fc.oneof(naughtyString, fc.constantFrom("first", "FIRST", "secret", "e")), chatId: chatIds }), async (qs) => {
          const res = await s.member.request("GET", `/api/search?${qs}`);
          const out = await checkResponse(res, `GET /api/search?${qs}`, [200], ["invalid_request", "not_found"]);
          tally.add(target, label(out));
          if (out.status === 200) {
            for (const r of out.body.results) {
              expect(r.chat.id, "only the caller's chats").toBe(s.chat.id);
              expect(messageSchema.safeParse(r.message).success).toBe(true);
            }
          }
        }),
        params(20),
      );
      tally.stop(target);
    },
    timeoutFor(20),
  );

  it(
    "PATCH and POST message bodies that are not objects or have wrong types never reach the room",
    async () => {
      const s = await setup();
      const target = "messages: wild bodies";
      tally.start(target);
      const state = await new Tracked(() => snapshot(s.owner, s.chat.id)).init();
      const routes: [string, string][] = [
        ["POST", `/api/chats/${s.chat.id}/messages`],
        ["PATCH", `/api/chats/${s.chat.id}/messages/${s.own[0]!.seq}`],
        ["POST", `/api/chats/${s.chat.id}/read`],
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), wild, async ([method, url], generated) => {
          const sent = toJsonText(generated);
          const res = await s.owner.request(method, url, sent);
          const out = await checkResponse(res, `${method} ${url} ${show(sent)}`, [], [...BODY]);
          tally.add(target, label(out));
          await state.unchanged(`${method} ${url} ${show(sent)}`);
        }),
        params(12),
      );
      tally.stop(target);
    },
    timeoutFor(12),
  );
});
