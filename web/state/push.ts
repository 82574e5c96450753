// Push on this device (Settings > Notifications): the switch subscribes this browser with the
// server's VAPID key and registers the subscription on the server; off unsubscribes both.
// Signing out drops it too (dropPush, called by the session), so the next person on this
// browser gets none of the previous one's messages.
//
// Where the browser cannot receive push the switch is disabled and says why: no service
// worker or Push API ("browser"), the server has no VAPID keys ("server"), or subscribing
// failed, which is what a browser without a push service does (headless Chromium). A refused
// permission ("blocked") leaves the switch usable: the person may allow it and try again.
import { createModel, signal } from "@preact/signals";
import { isApiError } from "../api/errors.ts";
import type { IO } from "./io.ts";

export type PushProblem = "browser" | "server" | "blocked" | "failed";

export const PushSwitch = createModel((io: IO) => {
  const device = io.shell?.push;
  const on = signal(false);
  const busy = signal(false);
  const problem = signal<PushProblem | null>(device?.supported ? null : "browser");

  if (device?.supported) {
    void device.current().then(
      (endpoint) => (on.value = endpoint !== null),
      () => {},
    );
  }

  async function switchOn(): Promise<void> {
    if (!device) return;
    let key: string;
    try {
      key = await io.api.push.key();
    } catch (e) {
      problem.value = isApiError(e, "not_found") ? "server" : "failed";
      return;
    }
    let body;
    try {
      body = await device.subscribe(key);
    } catch (e) {
      problem.value = e instanceof Error && e.message === "blocked" ? "blocked" : "browser";
      return;
    }
    try {
      await io.api.push.subscribe(body);
    } catch {
      // The server refused or could not be reached: no subscription half on.
      await device.unsubscribe().catch(() => null);
      problem.value = "failed";
      return;
    }
    problem.value = null;
    on.value = true;
  }

  async function switchOff(): Promise<void> {
    on.value = false;
    await dropPush(io);
  }

  return {
    on,
    busy,
    problem,
    /** The switch can be used (it may still fail: `problem` then says why). */
    usable: () => device?.supported === true && problem.value !== "browser" && problem.value !== "server",
    setEnabled: async (want: boolean): Promise<void> => {
      if (!device?.supported || busy.value) return;
      busy.value = true;
      try {
        await (want ? switchOn() : switchOff());
      } finally {
        busy.value = false;
      }
    },
  };
});

export type PushSwitchModel = InstanceType<typeof PushSwitch>;

/** Ends this browser's push subscription here and, unless `server` is false (a deleted account's
 * subscriptions are gone already), on the server, while still signed in. Never takes more
 * than a few seconds: sign-out must not wait on a stuck service worker. */
export async function dropPush(io: IO, { server = true } = {}): Promise<void> {
  const device = io.shell?.push;
  if (!device?.supported) return;
  const work = (async () => {
    const endpoint = await device.unsubscribe();
    if (endpoint && server) await io.api.push.unsubscribe(endpoint);
  })().catch(() => {});
  await Promise.race([work, new Promise((r) => setTimeout(r, 3000))]);
}
