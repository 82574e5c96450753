// A room's timed jobs share its one alarm (worker/rooms/scheduler.ts, worker/lib/job-plan.ts):
// at each ring the due jobs run, earliest first, and the alarm is set again for the earliest
// job left.
import { describe, expect, it } from "vitest";
import { earliest, plan, type Job } from "../../../worker/lib/job-plan.ts";

describe("the room's job plan", () => {
  const jobs: Job[] = [
    { name: "sweep", dueAt: 5_000 },
    { name: "expire", dueAt: 1_000 },
  ];

  it("runs nothing and rings at the earliest job when none is due", () => {
    expect(plan(jobs, 500)).toEqual({ run: [], next: 1_000 });
  });

  it("runs every job due by now, earliest first, and rings next for the earliest one left", () => {
    expect(plan(jobs, 4_999)).toEqual({ run: ["expire"], next: 5_000 });
    expect(plan(jobs, 5_000)).toEqual({ run: ["expire", "sweep"], next: null });
    expect(plan([{ name: "sweep", dueAt: 100 }, { name: "expire", dueAt: 50 }], 100)).toEqual({ run: ["expire", "sweep"], next: null });
  });

  it("needs no alarm once every job has run", () => {
    expect(plan([], 10_000)).toEqual({ run: [], next: null });
    expect(earliest([])).toBeNull();
    expect(earliest(jobs)).toBe(1_000);
  });
});
