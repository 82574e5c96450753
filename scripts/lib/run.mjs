// Shared by every Node script in scripts/ (and by the e2e and bench runners): how to run
// wrangler, vite and vitest on a machine with no internet, and how to pass settings through.
//
// Why each piece exists:
// - The offline variables stop wrangler's telemetry, update check and `request.cf` download.
//   Where DNS hangs instead of failing, each of those costs up to 30 s (docs: TOOLCHAIN.md).
// - node_modules/.bin goes first on PATH so `run("wrangler", ...)` finds the project's
//   pinned binary, and the running node's own directory goes before it: the .bin shims start
//   with `#!/usr/bin/env node`, which would otherwise pick the machine's older Node.
// - Children inherit stdio and get our SIGINT/SIGTERM/SIGHUP, so killing a script by PID
//   also stops the wrangler/workerd it started.

import { createServer } from "node:net";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (scripts run from here whatever the caller's cwd). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const FORWARDED_SIGNALS = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"]);

/**
 * process.env plus the offline switches, with node_modules/.bin and this node on PATH.
 * `ci: true` also sets CI=1, which turns wrangler's (Y/n) prompts into their defaults.
 * @param {{ ci?: boolean, extra?: Record<string, string | undefined> }} [opts]
 */
export function offlineEnv({ ci = false, extra = {} } = {}) {
  const path = [dirname(process.execPath), join(ROOT, "node_modules", ".bin"), process.env.PATH ?? ""];
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
    // npm and browserslist would otherwise try the registry for "a newer version exists".
    NO_UPDATE_NOTIFIER: "1",
    BROWSERSLIST_IGNORE_OLD_DATA: "1",
    ...(ci ? { CI: process.env.CI || "1" } : {}),
    ...extra,
    PATH: path.join(delimiter),
  };
}

/**
 * Starts `cmd args` from the repository root with offlineEnv() and inherited stdio.
 * Resolves with the exit code (128 + signal number when a signal ended it); never rejects
 * for a non-zero exit, so callers decide. The ChildProcess is on `promise.child`.
 * Options are spawn's, plus `ci` (see offlineEnv) and `forwardSignals` (default true).
 * @param {string} cmd
 * @param {string[]} [args]
 * @param {import("node:child_process").SpawnOptions & { ci?: boolean, forwardSignals?: boolean }} [opts]
 * @returns {Promise<number> & { child: import("node:child_process").ChildProcess }}
 */
export function run(cmd, args = [], { ci, forwardSignals = true, env, ...spawnOpts } = {}) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: env ?? offlineEnv({ ci }),
    ...spawnOpts,
  });
  const stopForwarding = forwardSignals ? forwardSignalsTo(child) : () => {};
  const done = new Promise((resolve, reject) => {
    child.once("error", (err) => {
      stopForwarding();
      reject(new Error(`cannot start ${cmd}: ${err.message}`));
    });
    child.once("exit", (code, signal) => {
      stopForwarding();
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 1));
    });
  });
  return Object.assign(done, { child });
}

/** Like run(), but exits this process with the child's code when the child fails. */
export async function runOrExit(cmd, args = [], opts = {}) {
  const code = await run(cmd, args, opts);
  if (code !== 0) {
    console.error(`\n${cmd} ${args.join(" ")} failed (exit ${code})`);
    process.exit(code);
  }
}

/**
 * Passes our termination signals on to `child` until the returned function is called.
 * Installing a handler also keeps this process alive until the child has exited, so the
 * child can shut down (wrangler stops workerd) before we report its exit code.
 * @param {import("node:child_process").ChildProcess} child
 */
export function forwardSignalsTo(child) {
  /** @param {NodeJS.Signals} sig */
  const handler = (sig) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  };
  for (const sig of FORWARDED_SIGNALS) process.on(sig, handler);
  return () => {
    for (const sig of FORWARDED_SIGNALS) process.off(sig, handler);
  };
}

/** @param {NodeJS.Signals} signal */
function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
}

/**
 * The keys of wrangler.toml's [vars] table, in file order. A tiny line parser is enough:
 * the table holds only `KEY = "value"` lines, and we need the names, not the values.
 * @param {string} [tomlPath]
 */
export function settingNames(tomlPath = join(ROOT, "wrangler.toml")) {
  const names = [];
  let inVars = false;
  for (const raw of readFileSync(tomlPath, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inVars = /^\[\s*vars\s*\]$/.test(line);
      continue;
    }
    const m = inVars && /^([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

/**
 * `--var NAME:value` arguments for `wrangler dev`, one pair per [vars] key that is set in
 * `env`, so `RATE_LIMIT_SCALE=100 npm start` overrides the committed default. wrangler
 * splits on the first colon only, so values may contain colons (origins, URLs).
 * @param {NodeJS.ProcessEnv} [env]
 */
export function settingOverrides(env = process.env) {
  return settingNames().flatMap((name) => (env[name] === undefined ? [] : ["--var", `${name}:${env[name]}`]));
}

/** A free TCP port on 127.0.0.1, for servers that tests and benchmarks start. */
/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}
