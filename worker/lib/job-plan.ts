// The due-time arithmetic of a room's scheduler (rooms/scheduler.ts): pure, so it is tested on
// its own.

export type JobName = "sweep" | "expire";

export interface Job {
  name: JobName;
  dueAt: number;
}

/** A failed job runs again this much later. */
export const RETRY_MS = 60_000;

/** When the alarm should ring for `jobs`: the earliest due time (null: never). */
export const earliest = (jobs: Job[]): number | null => (jobs.length ? Math.min(...jobs.map((j) => j.dueAt)) : null);

/** Which jobs are due at `now` (earliest first), and when the alarm should ring for the rest. */
export function plan(jobs: Job[], now: number): { run: JobName[]; next: number | null } {
  const run = jobs.filter((j) => j.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt).map((j) => j.name);
  return { run, next: earliest(jobs.filter((j) => j.dueAt > now)) };
}
