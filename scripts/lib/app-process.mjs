// The app as a child process for tests: scripts/start.mjs on a port and a state dir of the
// caller's choosing, in a process group of its own (so a stop that SIGTERM does not finish
// ends the group), serving the dist/client already built. Used by scripts/e2e.mjs (one server
// for all e2e files) and by tests/e2e/app.test.ts (a server it stops and restarts itself).
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { ROOT, offlineEnv } from "./run.mjs";

/**
 * Starts the app and waits until /api/health answers. `append` adds to the log instead of
 * starting it afresh (a restart). On failure the child is stopped and the error says why.
 * @param {{ port: number, stateDir: string, logFile: string, append?: boolean, env?: Record<string, string>, timeoutMs?: number }} opts
 * @returns {Promise<{ base: string, child: import("node:child_process").ChildProcess, stop: () => Promise<void> }>}
 */
export async function startAppProcess({ port, stateDir, logFile, append = false, env = {}, timeoutMs = 90_000 }) {
  const log = openSync(logFile, append ? "a" : "w");
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", log, log],
    env: offlineEnv({ ci: true, extra: { PORT: String(port), QM_STATE_DIR: stateDir, QM_SKIP_BUILD: "1", ...env } }),
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => stopAppProcess(child, base);
  try {
    await waitForHealth(base, () => child.exitCode === null && child.signalCode === null, timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, child, stop };
}

/** @param {string} base @param {() => boolean} alive @param {number} timeoutMs */
async function waitForHealth(base, alive, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error("the server exited before it became healthy");
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no answer from ${base}/api/health within ${timeoutMs / 1000} s`);
}

/**
 * SIGTERM (start.mjs passes it on to wrangler, which stops workerd), the process group's
 * SIGKILL if that takes over 10 s, then waits until nothing answers on `base` any more
 * (workerd may outlive start.mjs by a moment), so the port and state dir are free again.
 * @param {import("node:child_process").ChildProcess} child @param {string} base
 */
async function stopAppProcess(child, base) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (await fetch(`${base}/api/health`).then(() => true, () => false))) await new Promise((r) => setTimeout(r, 200));
}
