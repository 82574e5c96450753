// How often a reader tells the room how far they have read (readMarks.ts says why it grows
// with the chat). The benchmark's simulated readers pace themselves by a copy of this rule
// (bench/lib/read-pace.mjs; a unit test keeps the two the same).

const EVERY_MS = 1000;
const MAX_MS = 10_000;
/** A second of interval per this many members, past the first hundred. */
const MEMBERS_PER_SECOND = 100;

/** The interval between read marks in a chat of `members`: 1 s up to 100, 10 s from 901. */
export function readMarkEvery(members: number): number {
  return Math.min(MAX_MS, Math.max(EVERY_MS, Math.ceil(members / MEMBERS_PER_SECOND) * 1000));
}
