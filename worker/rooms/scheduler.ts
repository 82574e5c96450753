// Every timed job of a room, on the one alarm a Durable Object has. A job is a name and the
// time it is due, kept in the room's SQLite (`jobs`), so it survives eviction; the alarm is
// always set for the earliest job. Jobs today: sweeping unsent uploads, and closing the
// sockets of sessions that expired. Scheduling a job that is already due earlier changes
// nothing; a job that fails is tried again RETRY_MS later (the runtime's own alarm retries
// give up after a few attempts). A deleted room has no jobs table left: its alarm does one
// thing, finish its erasure (chat-room.ts `erase`).
import { earliest, plan, RETRY_MS, type Job, type JobName } from "../lib/job-plan.ts";
import { errorLine } from "../lib/log.ts";

export class Scheduler {
  /** When each job is known to be due already (this wake): scheduling one that is due no later
   * is then answered without a statement, so an upgrade (which schedules its session's
   * expiry) normally touches no storage. */
  #known = new Map<JobName, number>();

  constructor(private sql: SqlStorage, private storage: DurableObjectStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS jobs (name TEXT PRIMARY KEY, due_at INTEGER NOT NULL);");
  }

  /** Schedules `name` for `dueAt`, unless it is already due earlier. */
  async at(name: JobName, dueAt: number): Promise<void> {
    const known = this.#known.get(name);
    if (known !== undefined && known <= dueAt) return;
    const cursor = this.sql.exec(
      "INSERT INTO jobs (name, due_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET due_at = excluded.due_at WHERE excluded.due_at < due_at",
      name,
      dueAt,
    );
    this.#known.set(name, Math.min(dueAt, known ?? Infinity));
    if (cursor.rowsWritten > 0) await this.#arm();
  }

  /** Schedules `name` for `dueAt`, synchronously, without arming: for the constructor, when
   * an alarm is known to be set already. */
  atOnWake(name: JobName, dueAt: number): void {
    this.sql.exec("INSERT INTO jobs (name, due_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, dueAt);
  }

  has(name: JobName): boolean {
    return this.sql.exec("SELECT 1 FROM jobs WHERE name = ?", name).toArray().length > 0;
  }

  /** For alarm(): runs the due jobs, one by one, each with its handler (which may schedule
   * itself again), then sets the alarm for the earliest job left. */
  async run(handlers: Record<JobName, () => Promise<void>>, now = Date.now()): Promise<void> {
    const { run } = plan(this.#jobs(), now);
    for (const name of run) {
      this.sql.exec("DELETE FROM jobs WHERE name = ?", name);
      this.#known.delete(name);
      try {
        await handlers[name]();
      } catch (err) {
        console.error(errorLine("room job failed", { job: name }, err));
        await this.at(name, Date.now() + RETRY_MS);
      }
    }
    await this.#arm();
  }

  #jobs(): Job[] {
    return this.sql.exec<{ name: JobName; due_at: number }>("SELECT name, due_at FROM jobs").toArray().map((r) => ({ name: r.name, dueAt: r.due_at }));
  }

  async #arm(): Promise<void> {
    const next = earliest(this.#jobs());
    const current = await this.storage.getAlarm();
    if (next === null) {
      if (current !== null) await this.storage.deleteAlarm();
    } else if (current !== next) {
      await this.storage.setAlarm(next);
    }
  }
}
