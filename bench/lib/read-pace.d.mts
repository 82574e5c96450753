// Types for read-pace.mjs (a unit test imports it to compare it with the web app's rule).
export function readMarkEvery(members: number): number;
