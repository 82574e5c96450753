#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tests in Debian's Chromium against a real local server.
//
// 1. `vite build` (unless QM_SKIP_BUILD=1), so the tests run the SPA as it ships.
// 2. scripts/start.mjs on a free port, with a fresh temporary state dir (no leftovers from a
//    previous run, no clash with a developer's `npm start` on 8787) and RATE_LIMIT_SCALE
//    raised (the tests sign up several users from one IP within seconds).
// 3. Wait for /api/health, then `node --test` over tests/e2e/*.test.ts, one file at a time
//    (2 cores: two browsers at once make timing flaky, not faster).
// 4. Stop the server we started, by its PID, whatever happened (also on Ctrl-C).
//
//   QM_E2E_BASE_URL=http://127.0.0.1:8787 npm run test:e2e   use a server already running
//   node scripts/e2e.mjs tests/e2e/auth.test.ts                run some files only
// The server's log goes to test-results/e2e-server.log; screenshots to test-results/screenshots.
// Tests write only there: a run of *.test.ts files that changed a tracked file fails and names
// it (`npm run screenshots`, which writes docs/screenshots/ on purpose, is not such a run).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ROOT, freePort, offlineEnv, run } from "./lib/run.mjs";
import { startAppProcess } from "./lib/app-process.mjs";
import { useToolNode } from "./lib/node.mjs";

await useToolNode();

const chromium = process.env.QM_CHROMIUM ?? "/usr/bin/chromium";
const results = join(ROOT, "test-results");
const serverLog = join(results, "e2e-server.log");


function tail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** A fingerprint of the tracked files' changes against HEAD, and their names; null outside a
 * git checkout (a tarball has nothing to compare). */
function trackedChanges() {
  try {
    const diff = execFileSync("git", ["diff", "HEAD", "--binary"], { cwd: ROOT, maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
    const names = execFileSync("git", ["diff", "HEAD", "--name-only"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    return { hash: createHash("sha256").update(diff).digest("hex"), names };
  } catch {
    return null;
  }
}

async function main() {
  if (!existsSync(chromium)) {
    console.error(`e2e: ${chromium} not found. Install Debian's Chromium: apt-get install -y chromium`);
    return 1;
  }
  mkdirSync(results, { recursive: true });

  const files = process.argv.slice(2).length
    ? process.argv.slice(2)
    : readdirSync(join(ROOT, "tests", "e2e"))
        .filter((f) => f.endsWith(".test.ts"))
        .sort()
        .map((f) => join("tests", "e2e", f));

  let base = process.env.QM_E2E_BASE_URL;
  /** @type {(() => Promise<void>) | null} */
  let stopServer = null;
  let stateDir = null;

  const cleanup = async () => {
    if (stopServer) await stopServer();
    stopServer = null;
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    stateDir = null;
  };
  const onSignal = (sig) => {
    void cleanup().then(() => process.exit(128 + (sig === "SIGINT" ? 2 : 15)));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    if (!base) {
      if (!["1", "true"].includes(process.env.QM_SKIP_BUILD ?? "")) {
        const code = await run("vite", ["build", "--logLevel", "warn"]);
        if (code !== 0) return code;
      }
      const port = await freePort();
      stateDir = mkdtempSync(join(tmpdir(), "qm-e2e-"));
      console.log(`e2e: starting the app on http://127.0.0.1:${port} (state ${stateDir}, log ${relative(ROOT, serverLog)})`);
      try {
        const app = await startAppProcess({ port, stateDir, logFile: serverLog, env: { RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE ?? "100" } });
        base = app.base;
        stopServer = app.stop;
      } catch (err) {
        console.error(`e2e: ${err instanceof Error ? err.message : err}\n--- server log ---\n${tail(serverLog)}`);
        return 1;
      }
    }

    console.log(`e2e: running ${files.length} file(s) against ${base}`);
    const guard = files.every((f) => f.endsWith(".test.ts")) ? trackedChanges() : null;
    let code = await run(
      process.execPath,
      ["--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
      { env: offlineEnv({ extra: { QM_E2E_BASE_URL: base, QM_CHROMIUM: chromium } }) },
    );
    if (code !== 0 && stopServer) console.error(`\n--- last lines of the server log ---\n${tail(serverLog)}`);
    const now = guard && trackedChanges();
    if (guard && now && now.hash !== guard.hash) {
      console.error(`e2e: the tests changed tracked files (they may write only to test-results/):\n${now.names || "(changes reverted to HEAD)"}`);
      code = code || 1;
    }
    return code;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();
