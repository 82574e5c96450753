// What counts as an emoji for reactions, in one place: the Worker validates with it and the
// web app's picker offers only what it accepts (a unit test and a worker test check the list).
//
// An RGI emoji (Unicode's "recommended for general interchange" set: single emoji, modifier,
// flag, keycap, tag and ZWJ sequences) and nothing else. A looser "one grapheme with a
// pictograph in it" let "👍" with stacked combining marks, unassigned pictographic code points
// and text-presentation characters through: each distinct string is a new chip under a
// message, so every oddity is a way to make a chat noisier. The `v` flag's RGI_Emoji property
// needs ES2024 regular expressions (V8 in workerd and every current browser have them).
// A text-style character without U+FE0F ("❤" rather than "❤️") is not RGI: clients send
// the emoji form.

const RGI = /^\p{RGI_Emoji}$/v;

/** The longest RGI sequence (a family or a flag of a region with tags) is well under this. */
export const EMOJI_MAX_LENGTH = 32;

/** True when `s` is exactly one RGI emoji. */
export const isEmoji = (s: string): boolean => s.length > 0 && s.length <= EMOJI_MAX_LENGTH && RGI.test(s);
