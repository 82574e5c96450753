#!/usr/bin/env node
// `npm run dev`: the worker (API + sockets) in `wrangler dev` on 127.0.0.1:${PORT:-8787},
// and the SPA with hot reload in `vite` on ${VITE_PORT:-5173}. Open the vite URL: its
// config proxies /api (WebSocket upgrades included) to the worker, whose origin it gets in
// QM_API_ORIGIN. Same settings as start.mjs: PORT, QM_STATE_DIR, any [vars] key
// (RATE_LIMIT_SCALE=100 npm run dev). Extra arguments go to vite.
//
// The two live and die together: when either exits, or on Ctrl-C/SIGTERM, the other is
// stopped too, so no orphaned workerd keeps the port busy for the next run.

import { applyMigrations, ensureAssetsDir, ensureDevVars, localOptions, removeDeployRedirect, wranglerDevArgs } from "./lib/local.mjs";
import { offlineEnv, run } from "./lib/run.mjs";
import { useToolNode } from "./lib/node.mjs";

await useToolNode();

const opts = localOptions();
const vitePort = Number(process.env.VITE_PORT || 5173);
const apiOrigin = `http://127.0.0.1:${opts.port}`;

ensureDevVars();
ensureAssetsDir();
await applyMigrations(opts);
removeDeployRedirect();

// wrangler gets no stdin: its hotkeys and vite's would both read the same keystrokes.
const children = [
  run("wrangler", wranglerDevArgs(opts), { stdio: ["ignore", "inherit", "inherit"], forwardSignals: false }),
  run("vite", ["--port", String(vitePort), "--strictPort", ...process.argv.slice(2)], {
    env: offlineEnv({ extra: { QM_API_ORIGIN: apiOrigin } }),
    forwardSignals: false,
  }),
];

let stopping = false;
/** @param {NodeJS.Signals} sig */
function stopAll(sig) {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  }
  // A child that ignores the polite signal is not allowed to keep the port.
  setTimeout(() => children.forEach(({ child }) => child.exitCode === null && child.kill("SIGKILL")), 10_000).unref();
}
for (const sig of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) process.on(sig, () => stopAll(sig));

// The first child to exit decides the exit code; then the other one is stopped.
const first = await Promise.race(children.map((p) => p.catch(() => 127)));
stopAll("SIGTERM");
await Promise.allSettled(children);
process.exitCode = first;
