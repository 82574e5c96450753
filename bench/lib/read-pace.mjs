// The web app's read-mark interval (readMarkEvery in worker/protocol/rules.ts), for the simulated readers:
// the bench runs under the machine's Node, which does not load TypeScript. A unit test
// (tests/unit/web/state/openChat/readMarks.test.ts) keeps the two the same.

/** @param {number} members @returns {number} ms between read marks in a chat of `members` */
export function readMarkEvery(members) {
  return Math.min(10_000, Math.max(1000, Math.ceil(members / 100) * 1000));
}
