// Fuzzing the chat socket and the inbox socket (docs/api.md "Real time"): schema-near and arbitrary
// client frames, non-JSON text, binary frames and frames over 64 KiB; upgrade query strings.
//
// The oracle for each frame is the contract: a frame that is not a valid client frame gets
// one `error` frame (`invalid_request`, with its clientId when it had a string one) and
// changes nothing; a valid one gets its ack/broadcast or a documented error and nothing else.
// After each frame a sentinel (a retried send of a stored message, which the room answers
// with an ack and nothing else, rate limit or not) marks the end of the frame's answers.
//
// The Durable Object must never reset: an observer socket stays open through the whole run,
// sees every change exactly once with gap-free revs, and ends with the same history as a
// fresh load and as a catch-up from its first `ready`.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { clientFrame, errorCodes, serverFrame, type Message, type ServerFrame } from "#protocol";
import { anyJson, emojiLike, emojiValid, naughtyString, nearObject, numberText, oddNumber, queryString, seqLike, textNear, toJsonText, toWellFormed, wild } from "../fuzz/arbitraries.ts";
import { checkResponse, expectSame, getJson, label, LONG, params, rateLimitScale, show, snapshot, Tally, timeoutFor, Tracked } from "../fuzz/harness.ts";
import { Client, Socket } from "./client.ts";

const tally = new Tally();
afterAll(() => tally.report("fuzz-socket"));

const MAX_FRAME = 64 * 1024;
/** Frames per socket before the fuzzer opens a new one: under the flood limit (200 / 10 s). */
const FRAMES_PER_SOCKET = 150;

const type = (t: string) => ({ valid: fc.constant(t), near: fc.constantFrom(t.toUpperCase(), ` ${t}`, "", "message", "ack", "error", "ready") });
const seq = { valid: fc.integer({ min: 1, max: 12 }), near: fc.oneof(fc.constantFrom(0, -1, 1.5, "1", 1e9, 2 ** 53), oddNumber) };
const clientId = { valid: fc.uuid(), near: fc.constantFrom("", "x", "6FA459EA-EE8A-3CA4-894E-DB77E160355E", "not-a-uuid".repeat(20)) };

/** Frames near each client frame of protocol/frames.ts (most of them valid, so that they
 * reach the room's own checks), then anything at all. */
const mostlyValid = { allValid: 6, oneField: 3, anyFields: 1 };
const frameText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: nearObject({ type: type("send"), clientId, body: textNear(1, 4000), replyTo: { ...seq, optional: true }, attachmentIds: { valid: fc.constant([]), near: fc.array(naughtyString, { maxLength: 11 }), optional: true } }, mostlyValid).map(toJsonText) },
  { weight: 4, arbitrary: nearObject({ type: type("edit"), seq, body: textNear(1, 4000) }, mostlyValid).map(toJsonText) },
  { weight: 2, arbitrary: nearObject({ type: type("delete"), seq }, mostlyValid).map(toJsonText) },
  { weight: 4, arbitrary: nearObject({ type: type("react"), seq, emoji: { valid: emojiValid, near: emojiLike }, on: { valid: fc.boolean() } }, mostlyValid).map(toJsonText) },
  { weight: 1, arbitrary: nearObject({ type: type("typing") }, mostlyValid).map(toJsonText) },
  { weight: 2, arbitrary: nearObject({ type: type("read"), seq: { valid: seqLike } }, mostlyValid).map(toJsonText) },
  { weight: 1, arbitrary: wild.map(toJsonText) },
  { weight: 1, arbitrary: anyJson.map(toJsonText) },
  { weight: 1, arbitrary: naughtyString },
);
const frameArb: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 20, arbitrary: frameText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(MAX_FRAME + 1), `{"type":"send","clientId":"${crypto.randomUUID()}","body":"${"я".repeat(40_000)}"}`, "y".repeat(MAX_FRAME)) },
);

/** Applies frames the way a client does (docs/api.md "Real time", catch-up), keyed by seq. */
function apply(state: Map<number, Message>, f: ServerFrame) {
  if (f.type === "message" || f.type === "edited") state.set(f.message.seq, f.message);
  if (f.type === "deleted") {
    const m = state.get(f.seq);
    if (m) state.set(f.seq, { ...m, deleted: true, body: "", reactions: [], attachments: [], rev: f.rev });
  }
  if (f.type === "reactions") {
    const m = state.get(f.seq);
    if (m) state.set(f.seq, { ...m, reactions: f.reactions, rev: f.rev });
  }
}

/** What must agree between a client's view and a fresh load (an excerpt of a reply is
 * rendered from the message it quotes, so only the quoted seq is compared). */
const view = (messages: Iterable<Message>) =>
  [...messages]
    .sort((a, b) => a.seq - b.seq)
    .map((m) => ({ seq: m.seq, rev: m.rev, kind: m.kind, body: m.body, deleted: m.deleted, editedAt: m.editedAt, clientId: m.clientId, sender: m.sender?.id ?? null, replyTo: m.replyTo?.seq ?? null, reactions: m.reactions }));

/** Every message, paging back from the latest. */
async function fullHistory(c: Client, chatId: string) {
  const out: Message[] = [];
  let before: number | undefined;
  for (let i = 0; i < 10_000; i++) {
    const page = await getJson(c, `/api/chats/${chatId}/messages?limit=100${before === undefined ? "" : `&before=${before}`}`);
    out.unshift(...page.messages);
    if (!page.hasMore || page.messages.length === 0) return { messages: out, rev: page.rev as number };
    before = page.messages[0].seq;
  }
  throw new Error("history does not end");
}

const changeRev = (f: ServerFrame) =>
  f.type === "message" || f.type === "edited" ? f.message.rev : f.type === "deleted" || f.type === "reactions" ? f.rev : null;

/** Waits for the first frame matching `pred`; returns the frames before it, removing both. */
async function until(s: Socket, pred: (f: ServerFrame) => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const i = s.frames.findIndex(pred);
    if (i >= 0) return s.frames.splice(0, i + 1).slice(0, i);
    if (s.closed) throw new Error(`socket closed (${s.closed.code} ${s.closed.reason}); got ${JSON.stringify(s.frames).slice(0, 500)}`);
    if (Date.now() > deadline) throw new Error(`no sentinel within ${timeoutMs} ms; got ${JSON.stringify(s.frames).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function room() {
  const owner = await Client.register();
  const member = await Client.register();
  const chat = await owner.createChat("Fuzz socket");
  await owner.addMember(chat.id, member); // seq 1: joined
  const post = (c: Client, body: string, clientId = crypto.randomUUID()) =>
    c.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId, body }, 201).then((r) => r.message);
  const sentinel = await post(owner, "sentinel"); // 2
  for (const [c, body] of [[owner, "one"], [member, "two"], [owner, "three"], [member, "four"]] as const) await post(c, body);
  return { owner, member, chat, sentinel };
}

describe("fuzz: chat socket", () => {
  it(
    "answers every client frame as the contract says, never closes but for size, and the room never resets",
    async () => {
      const { owner, member, chat, sentinel } = await room();
      const target = "chat socket frames";
      tally.start(target);
      const state = await new Tracked(() => snapshot(owner, chat.id)).init();
      const observer = await member.socket(chat.id);
      const observerReady = await observer.next("ready");
      const initial = await fullHistory(member, chat.id);
      let sock: Socket | null = null;
      let sent = 0;
      const fresh = async () => {
        sock?.close();
        sock = await owner.socket(chat.id);
        await sock.next("ready");
        sent = 0;
        return sock;
      };
      const sentinelFrame = JSON.stringify({ type: "send", clientId: sentinel.clientId, body: "sentinel" });
      await fc.assert(
        fc.asyncProperty(frameArb, async (frame) => {
          const s = sent + 2 > FRAMES_PER_SOCKET || !sock || sock.closed ? await fresh() : sock!;
          s.frames.length = 0;
          const text = typeof frame === "string" ? frame : null;
          const bytes = text === null ? (frame as Uint8Array).byteLength : new TextEncoder().encode(text).byteLength;
          const what = `frame ${typeof frame === "string" ? show(frame) : `<${bytes} binary bytes>`}`;
          s.ws.send(frame);
          sent += 1;
          if (bytes > MAX_FRAME) {
            const closed = await s.waitClose();
            expect(closed?.code, `${what}: 1009 for a frame over 64 KiB`).toBe(1009);
            tally.add(target, "close 1009");
            await state.unchanged(what);
            return;
          }
          s.send(sentinelFrame);
          sent += 1;
          // Presence and read marks are the room's own broadcasts (coalesced, on a timer), never
          // an answer to a frame: one can land in any window, e.g. right after fresh() swapped
          // the socket, or a second after a `read` or a send moved a mark.
          const timed = new Set(["presence", "read", "reads"]);
          const answers = (await until(s, (f) => f.type === "ack" && f.clientId === sentinel.clientId)).filter((f) => !timed.has(f.type));
          for (const f of answers) expect(serverFrame.safeParse(f).success, `${what}: server frame ${JSON.stringify(f)}`).toBe(true);
          const errors = answers.filter((f) => f.type === "error");
          for (const e of errors) expect(errorCodes.filter((c) => c !== "internal"), `${what}: ${JSON.stringify(e)}`).toContain(e.code);
          // The oracle: what the room must have made of this frame.
          let data: unknown;
          let valid = false;
          if (text !== null) {
            try {
              data = JSON.parse(toWellFormed(text));
              valid = clientFrame.safeParse(data).success;
            } catch {
              // not JSON
            }
          }
          if (!valid) {
            expect(answers.map((f) => f.type), `${what}: one error frame`).toEqual(["error"]);
            const e = errors[0] as Extract<ServerFrame, { type: "error" }>;
            expect(e.code).toBe("invalid_request");
            const id = typeof data === "object" && data !== null && "clientId" in data ? (data as { clientId: unknown }).clientId : undefined;
            expectSame(e.clientId, typeof id === "string" ? id.slice(0, 64) : undefined, `${what}: the error names the frame's clientId`);
            tally.add(target, "invalid -> error");
            await state.unchanged(what);
            return;
          }
          const f = clientFrame.parse(data);
          if (errors.length > 0) {
            expect(answers.length, `${what}: an error and nothing else`).toBe(1);
            // Edits, deletions and added reactions share the sender's message rate; a message
            // takes at most 20 different emoji.
            const allowed = {
              send: ["invalid_request", "rate_limited"],
              edit: ["not_found", "forbidden", "rate_limited"],
              delete: ["not_found", "forbidden", "rate_limited"],
              react: ["not_found", "rate_limited", "too_many_reactions"],
              typing: [],
              read: [],
            }[f.type];
            expect(allowed, `${what}: ${JSON.stringify(errors[0])}`).toContain((errors[0] as { code: string }).code);
            if (f.type === "send") expect((errors[0] as { clientId?: string }).clientId).toBe(f.clientId);
            tally.add(target, `${f.type} -> error ${(errors[0] as { code: string }).code}`);
            await state.unchanged(what);
            return;
          }
          const before = state.last[3] as { messages: Message[]; rev: number };
          const types = answers.map((a) => a.type);
          switch (f.type) {
            case "send": {
              const ack = answers.find((a) => a.type === "ack") as Extract<ServerFrame, { type: "ack" }> | undefined;
              expect(ack?.clientId, `${what}: acked`).toBe(f.clientId);
              const broadcast = answers.find((a) => a.type === "message") as Extract<ServerFrame, { type: "message" }> | undefined;
              if (broadcast) {
                expect(broadcast.message).toMatchObject({ clientId: f.clientId, seq: ack!.seq, rev: before.rev + 1, body: f.body.trim() });
                expect(broadcast.message.sender?.id).toBe(owner.user.id);
              } else {
                expect(before.messages.some((m) => m.clientId === f.clientId), `${what}: no broadcast only for a retry`).toBe(true);
              }
              break;
            }
            case "edit":
              expect(types, what).toEqual(["edited"]);
              break;
            case "delete":
              expect(types, what).toEqual(["deleted"]);
              break;
            case "react":
              expect(types.length <= 1 && types.every((t) => t === "reactions"), what).toBe(true);
              break;
            case "typing":
              expect(types, `${what}: typing is not echoed to its sender`).toEqual([]);
              break;
            case "read":
              expect(types.every((t) => t === "read"), what).toBe(true);
              break;
          }
          tally.add(target, `${f.type} -> ${types.join("+") || "nothing"}`);
          await state.refresh();
          if (types.length === 0) await state.unchanged(`${what}: no answer but a change`);
        }),
        params(60),
      );
      (sock as Socket | null)?.close();
      tally.stop(target);

      // The room never reset: the observer is still connected and saw every change once.
      await new Promise((r) => setTimeout(r, 50));
      expect(observer.closed, "the observer socket stays open").toBeNull();
      const final = await fullHistory(member, chat.id);
      const revs = observer.frames.map(changeRev).filter((r): r is number => r !== null);
      expect(revs, "every change once, in rev order, no gaps").toEqual(Array.from({ length: final.rev - observerReady.rev }, (_, i) => observerReady.rev + 1 + i));
      const seen = new Map(initial.messages.map((m) => [m.seq, m]));
      for (const f of observer.frames) apply(seen, f);
      expect(view(seen.values()), "live view = fresh load").toEqual(view(final.messages));
      // Catch-up from the observer's first ready brings a stale client to the same state.
      const late = await member.socket(chat.id, 0);
      const lateReady = await late.next("ready");
      expect(lateReady.rev).toBe(final.rev);
      const caught = new Map<number, Message>();
      for (const f of late.frames) apply(caught, f);
      expect(view(caught.values()), "catch-up from 0 = fresh load").toEqual(view(final.messages));
      late.close();
      observer.close();
    },
    timeoutFor(60, 80),
  );

  it(
    "refuses upgrades with a bad since and catches up in rev order from any good one",
    async () => {
      const { owner, chat } = await room();
      const target = "chat socket ?since=";
      tally.start(target);
      const { rev } = await getJson(owner, `/api/chats/${chat.id}/messages?limit=1`);
      await fc.assert(
        fc.asyncProperty(queryString({ since: fc.oneof(numberText, fc.integer({ min: 0, max: rev + 2 }).map(String)) }), async (qs) => {
          const url = `/api/chats/${chat.id}/ws?${qs}`;
          const res = await owner.request("GET", url, undefined, { headers: { upgrade: "websocket" } });
          if (res.status !== 101) {
            const out = await checkResponse(res, `upgrade ${url}`, [], ["invalid_request"]);
            tally.add(target, label(out));
            return;
          }
          tally.add(target, "101");
          const ws = res.webSocket!;
          ws.accept();
          const s = new Socket(ws);
          const ready = await s.next("ready");
          expect(ready.rev).toBe(rev);
          const revs = s.frames.map(changeRev).filter((r): r is number => r !== null);
          expect(revs, "catch-up in rev order").toEqual([...revs].sort((a, b) => a - b));
          // The server reads the query as the URL parser left it (trailing controls stripped).
          const since = new URL(url, "https://qm.test").searchParams.get("since");
          if (since !== null) for (const r of revs) expect(r).toBeGreaterThan(Number(since));
          else expect(revs).toEqual([]);
          s.close();
        }),
        params(15),
      );
      tally.stop(target);
    },
    timeoutFor(15),
  );

  it.skipIf(rateLimitScale * 200 > 1000)(
    "closes a flooding socket with 1008 and nothing else in the room changes",
    async () => {
      const { owner, member, chat } = await room();
      const state = await new Tracked(() => snapshot(owner, chat.id)).init();
      const observer = await member.socket(chat.id);
      await observer.next("ready");
      const s = await owner.socket(chat.id);
      await s.next("ready");
      for (let i = 0; i < 210 && !s.closed; i++) s.send(i % 2 ? "not json" : { type: "read", seq: 0 });
      expect((await s.waitClose())?.code).toBe(1008);
      await state.unchanged("flooding");
      expect(observer.closed).toBeNull();
      observer.close();
    },
    30_000,
  );
});

describe("fuzz: inbox socket", () => {
  it(
    "ignores whatever a client sends on /api/events and keeps delivering",
    async () => {
      const { owner, member, chat } = await room();
      const target = "inbox socket frames";
      tally.start(target);
      const open = async () => {
        const res = await owner.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" } });
        expect(res.status).toBe(101);
        res.webSocket!.accept();
        return new Socket(res.webSocket!);
      };
      let inbox = await open();
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(frameText, fc.uint8Array({ maxLength: 100 })), async (frame) => {
          if (++sent > FRAMES_PER_SOCKET) {
            inbox.close();
            inbox = await open();
            sent = 1;
          }
          inbox.ws.send(frame);
          tally.add(target, typeof frame === "string" ? "text" : "binary");
        }),
        params(40),
      );
      // Still open and still delivering: a new message in the chat reaches the owner's inbox.
      await member.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "after the fuzz" }, 201);
      const frame = (await inbox.next("chat" as never, (f: any) => f.chat?.id === chat.id, 5000)) as any;
      expect(frame.chat.lastMessage.body).toBe("after the fuzz");
      expect(inbox.closed).toBeNull();
      inbox.close();
      tally.stop(target);
    },
    timeoutFor(40),
  );
});

// Referenced so a LONG run's log says which mode ran.
if (LONG) console.log(`[fuzz] long run, RATE_LIMIT_SCALE=${rateLimitScale}`);
