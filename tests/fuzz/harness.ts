// What every fuzz target checks, whatever the input: bad input gets a 4xx with the error shape
// of docs/api.md "Conventions", never a 500 (a bug, by that table) and never a crash of a
// Durable Object:
// - no 5xx, ever;
// - every refusal is `{error: {code, message}}` as JSON, with a code from docs/api.md's table and
//   the status that table gives it, and a code the route may answer with;
// - a refused input changes nothing (the caller compares snapshots taken before and after).
//
// Case counts: a short run inside `npm test`, FUZZ_RUNS per target under `npm run fuzz`
// (tests/fuzz/vitest.config.ts passes it to workerd as a binding). FUZZ_SEED replays a run.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { expect } from "vitest";
import { errorBody } from "#protocol";
import type { Client } from "../worker/client.ts";

const fuzzEnv = env as unknown as { FUZZ_RUNS?: string; FUZZ_SEED?: string; RATE_LIMIT_SCALE?: string };

/** True under `npm run fuzz`. */
export const LONG = Number(fuzzEnv.FUZZ_RUNS) > 0;

/** Cases for one target: `short` inside `npm test`, FUZZ_RUNS under `npm run fuzz`. */
export const runs = (short: number) => (LONG ? Number(fuzzEnv.FUZZ_RUNS) : short);

/** A test timeout that fits the number of cases: generous, since a loaded 2-core machine
 * can take 300 ms for a case that costs 20 ms on an idle one. The case count bounds a run. */
export const timeoutFor = (short: number, msPerCase = 60) => (LONG ? runs(short) * 1000 : Math.max(60_000, short * msPerCase * 5 + 30_000));

export const rateLimitScale = Number(fuzzEnv.RATE_LIMIT_SCALE) || 1;

/** fast-check parameters: the seed is printed on failure; FUZZ_SEED replays it. */
export function params(short: number): fc.Parameters<unknown> {
  const seed = fuzzEnv.FUZZ_SEED ? Number(fuzzEnv.FUZZ_SEED) : undefined;
  return {
    numRuns: runs(short),
    ...(seed === undefined ? {} : { seed }),
    // The server is stateful: shrinking replays cases against a changed state, which can
    // take long and mislead. A failure reports the first counterexample as it was.
    endOnFailure: true,
    // fast-check prints the whole counterexample, which may be megabytes of naughty text
    // (and lone surrogates, which break vitest's pool): cut and escape the report.
    asyncReporter: async (out) => {
      if (!out.failed) return;
      const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
      const example = fc.stringify(out.counterexample);
      throw new Error(
        escapeLone(`Property failed after ${out.numRuns} cases (seed ${out.seed}, path "${out.counterexamplePath}"; replay with FUZZ_SEED)\n` +
          `cause: ${cut(cause, 2500)}\ncounterexample: ${cut(example, 1500)}`),
      );
    },
  };
}

/** Lone surrogates as \uXXXX text, so a message survives any UTF-8 channel. */
export const escapeLone = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** docs/api.md's error table ("Conventions"): code -> status. `internal` is not in it: a 500 is always a bug.
 * Written out from the contract on purpose, not imported from worker/lib/errors.ts: the
 * fuzzers' oracle must not share a mistake with the code it checks. */
export const documentedStatus = {
  invalid_request: 400,
  weak_password: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  bad_origin: 403,
  not_found: 404,
  username_taken: 409,
  already_member: 409,
  already_invited: 409,
  owner_must_transfer: 409,
  too_many_reactions: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
} as const;
export type Code = keyof typeof documentedStatus;

/** Refusals any route with a JSON body may give: a bad body, or one over the size limit. */
export const BODY: Code[] = ["invalid_request", "too_large"];

export interface Outcome {
  status: number;
  /** The parsed JSON body (null for an empty one). */
  body: any;
  /** The error code of a refusal. */
  code: Code | null;
}

/** Counts outcomes per target, printed at the end of each test file. */
export class Tally {
  #counts = new Map<string, Map<string, number>>();
  #started = new Map<string, number>();
  #ms = new Map<string, number>();

  add(target: string, outcome: string) {
    const m = this.#counts.get(target) ?? new Map<string, number>();
    m.set(outcome, (m.get(outcome) ?? 0) + 1);
    this.#counts.set(target, m);
  }
  start(target: string) {
    this.#started.set(target, Date.now());
  }
  stop(target: string) {
    this.#ms.set(target, Date.now() - (this.#started.get(target) ?? Date.now()));
  }
  cases(target: string) {
    return [...(this.#counts.get(target)?.values() ?? [])].reduce((a, b) => a + b, 0);
  }
  outcomes(target: string) {
    return new Map(this.#counts.get(target) ?? []);
  }
  report(file: string) {
    const lines = [...this.#counts].map(([target, m]) => {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      const parts = [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}:${n}`);
      return `  ${target.padEnd(34)} ${String(total).padStart(6)} cases ${String(this.#ms.get(target) ?? "?").padStart(7)} ms  ${parts.join(" ")}`;
    });
    console.log(`[fuzz] ${file}\n${lines.join("\n")}`);
  }
}

/**
 * Reads a response and checks the contract for it. `ok` lists the success statuses of the
 * route, `codes` the refusals it may give. Returns the parsed outcome for further checks.
 */
export async function checkResponse(res: Response, what: string, ok: number[], codes: readonly Code[]): Promise<Outcome> {
  const text = await res.text();
  const where = `${what} -> ${res.status} ${cut(text, 300)}`;
  expect(res.status, `no 5xx: ${where}`).toBeLessThan(500);
  if (res.status < 400) {
    expect(ok, `unexpected success status: ${where}`).toContain(res.status);
    if (res.status === 204) {
      expect(text, `204 has no body: ${where}`).toBe("");
      return { status: res.status, body: null, code: null };
    }
    expect(res.headers.get("content-type") ?? "", `JSON success: ${where}`).toMatch(/^application\/json/);
    return { status: res.status, body: JSON.parse(text), code: null };
  }
  expect(res.headers.get("content-type") ?? "", `JSON error: ${where}`).toMatch(/^application\/json/);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`error body is not JSON: ${where}`);
  }
  const parsed = errorBody.safeParse(body);
  expect(parsed.success, `error body shape {error:{code,message}}: ${where}`).toBe(true);
  const code = parsed.data!.error.code as Code | "internal";
  expect(code in documentedStatus, `documented code: ${where}`).toBe(true);
  expect(res.status, `status of ${code}: ${where}`).toBe(documentedStatus[code as Code]);
  // Any route may refuse with rate_limited: every limit is a setting, and new ones appear.
  expect([...codes, "rate_limited"], `a code this route may give: ${where}`).toContain(code);
  if (code === "rate_limited") expect(Number(res.headers.get("retry-after")), `Retry-After: ${where}`).toBeGreaterThan(0);
  return { status: res.status, body, code: code as Code };
}

/** One label per outcome for the tally: "201", "400 invalid_request", ... */
export const label = (o: Outcome) => (o.code ? `${o.status}:${o.code}` : String(o.status));

/** Sends a JSON text body (already serialized) as `client`. */
export function sendJson(client: Client, method: string, path: string, jsonText: string) {
  return client.request(method, path, jsonText);
}

/** Sends raw bytes with a chosen content type (or none). */
export function sendRaw(client: Client, method: string, path: string, bytes: Uint8Array | string, contentType: string | null) {
  const body = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const headers: Record<string, string> = contentType === null ? {} : { "content-type": contentType };
  return client.request(method, path, undefined, { body, headers });
}

/** A JSON GET that must succeed, for snapshots. */
export async function getJson(client: Client, path: string): Promise<any> {
  const res = await client.request("GET", path);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} for a snapshot: ${res.status} ${cut(text, 200)}`);
  return JSON.parse(text);
}

/**
 * What a user can observe of their account and one chat: profile, chat list (names, roles,
 * read marks, unread, last message, mute), the chat's members, links and history (rev
 * included, which every change in the chat moves).
 */
export async function snapshot(client: Client, chatId?: string, opts: { links?: boolean } = {}) {
  const paths = ["/api/me", "/api/chats"];
  if (chatId) paths.push(`/api/chats/${chatId}`, `/api/chats/${chatId}/messages?limit=100`);
  if (chatId && opts.links) paths.push(`/api/chats/${chatId}/links`);
  return JSON.stringify(await Promise.all(paths.map((p) => getJson(client, p))));
}

/**
 * The last known state of what a target can change, so a case costs one snapshot: after a
 * refusal it must equal the last one; after a success it becomes the new last one.
 */
export class Tracked {
  #last = "";
  constructor(private take: () => Promise<string>) {}
  async init() {
    this.#last = await this.take();
    return this;
  }
  /** The last snapshot, parsed. */
  get last(): any {
    return JSON.parse(this.#last);
  }
  /** After a refusal: nothing may have changed. */
  async unchanged(what: string) {
    expectUnchanged(this.#last, await this.take(), what);
  }
  /** After a success (or anything that may change state): take the new state as known. */
  async refresh() {
    this.#last = await this.take();
  }
}

/** Fails with both snapshots when a refused input changed something. */
export function expectUnchanged(before: string, after: string, what: string) {
  if (before !== after) {
    throw new Error(`a refused input changed state: ${what}\nbefore: ${cut(before, 2000)}\nafter:  ${cut(after, 2000)}`);
  }
}

/** The value the server parses from `toJsonText(v)`: odd number literals as numbers,
 * __proto__ as an own key. Oracles reason about this, not about the generated value. */
export const asParsed = (text: string): any => JSON.parse(text);

/** Cuts a string without splitting a surrogate pair. */
export const cut = (s: string, n: number) => (s.length <= n ? s : `${Array.from(s).slice(0, n).join("")}... (${s.length} chars)`);

/**
 * A short description of an input for failure messages. Always well-formed: vitest's pool
 * carries failure messages over a WebSocket that drops the run on a lone surrogate, so
 * strings are JSON-escaped.
 */
export const show = (v: unknown) => {
  const s = JSON.stringify(v, (_k, x) => (typeof x === "object" && x?.constructor?.name === "RawNumber" ? `<${x.text}>` : x));
  return cut(s === undefined ? String(v) : s, 400);
};

/** Equality of two values compared (and reported) as JSON, safe for lone surrogates. */
export function expectSame(actual: unknown, expected: unknown, what: string) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${cut(a ?? "undefined", 300)}, expected ${cut(e ?? "undefined", 300)}`);
}
