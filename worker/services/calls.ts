// worker/services/ holds the workflows that touch more than one store: D1, the ChatRooms, the
// Inboxes and R2. It is the only place that does, and, besides the two Durable Objects
// themselves, the only place that calls a Durable Object stub (stubs.ts). Routes check input
// and access, then call a workflow by name; they never hold a stub
// (tests/unit/worker/boundaries.test.ts checks both).
//
// One policy for the calls a workflow makes to other objects, by what the answer promises:
// - Awaited, and a failure fails the request (500, logged by app.onError): the change the
//   caller asked for, e.g. the room recording a join or erasing a deleted chat.
// - Awaited and settled (settle): fan-outs whose effect the answer reports, e.g. closing a
//   revoked session's sockets in every room, or a new profile reaching every room. Every target
//   gets its call whatever the others do; a failure is logged and does not undo the change.
// - In the background (inBackground, inBackgroundEach): notices that only refresh what other
//   people's tabs show (inbox frames). They never delay or fail the answer; failures are logged.
// Each failure is one JSON line naming the call and its target (a chat or user id), never a body.
import type { Context } from "hono";
import { errorLine } from "../lib/log.ts";
import type { AppEnv } from "../types.ts";

/** What a workflow needs from the request it serves: the bindings, and a way to finish work
 * after the answer has gone out. Routes pass their Hono context. */
export type Scope = Pick<Context<AppEnv>, "env" | "executionCtx">;

const logFailure = (call: string, target: string, err: unknown) => console.error(errorLine("call failed", { call, target }, err));

/** Calls `run` for every target (an id, or anything else safe to log) and waits for all of
 * them; rejections are logged, not thrown. */
export async function settle(call: string, targets: string[], run: (target: string, i: number) => Promise<unknown>): Promise<void> {
  const results = await Promise.allSettled(targets.map(async (target, i) => run(target, i)));
  results.forEach((r, i) => {
    if (r.status === "rejected") logFailure(call, targets[i] ?? "", r.reason);
  });
}

/** Lets `work` finish after the answer; a failure is logged. */
export function inBackground(scope: Scope, call: string, target: string, work: Promise<unknown>): void {
  scope.executionCtx.waitUntil(work.catch((err: unknown) => logFailure(call, target, err)));
}

/** `settle`, after the answer. */
export function inBackgroundEach(scope: Scope, call: string, targets: string[], run: (target: string, i: number) => Promise<unknown>): void {
  scope.executionCtx.waitUntil(settle(call, targets, run));
}
