// The server under chaos: qmessenger as `npm start` runs it (scripts/start.mjs -> wrangler dev),
// on 127.0.0.1, on a temporary state directory, with rate limits raised for this run only.
//
// Why it is started this way:
// - The worker is bundled once into the temp dir (`wrangler deploy --dry-run`) and served with
//   --no-bundle: `wrangler dev` on worker/ reloads on every saved file, and other engineers
//   edit worker/ while a run goes on. A reload would be a restart we did not plan or count.
// - start.mjs runs detached, so it leads a process group of its own (start.mjs, wrangler and
//   both workerd processes). `kill()` SIGKILLs exactly that group, by its id: the crash we
//   want, and nothing of anyone else's.
// - `restart()` starts the same command on the same port and state directory: what a
//   developer does after a crash, and what clients reconnect to.
import { spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT, freePort, offlineEnv, run } from "../../scripts/lib/run.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export { freePort };

/** Bundles worker/ as a deploy would, into `<work>/worker/index.js`. */
export async function bundleWorker(work, logFile) {
  const fd = openSync(logFile, "a");
  const outdir = join(work, "worker");
  const code = await run("wrangler", ["deploy", "--dry-run", "--outdir", outdir, "-c", join(ROOT, "wrangler.toml")], { ci: true, stdio: ["ignore", fd, fd] });
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed (exit ${code}); see ${logFile}`);
  return join(outdir, "index.js");
}

export class ChaosServer {
  /** @param {{ work: string, bundle: string, port: number, rateLimitScale: number, logDir: string }} opts */
  constructor({ work, bundle, port, rateLimitScale, logDir }) {
    this.bundle = bundle;
    this.port = port;
    this.stateDir = join(work, "state");
    this.rateLimitScale = rateLimitScale;
    this.logDir = logDir;
    this.base = `http://127.0.0.1:${port}`;
    this.starts = 0;
    /** @type {import("node:child_process").ChildProcess | null} */
    this.child = null;
    mkdirSync(this.stateDir, { recursive: true });
    this.onExit = () => this.#killGroup();
    process.on("exit", this.onExit);
  }

  get pgid() {
    return this.child?.pid ?? null;
  }

  /** Starts the server and resolves once /api/health answers (or throws after `timeoutMs`). */
  async start(timeoutMs = 120_000) {
    this.starts += 1;
    const logFile = join(this.logDir, `server-${this.starts}.log`);
    const fd = openSync(logFile, "w");
    const args = ["scripts/start.mjs", "-c", join(ROOT, "wrangler.toml"), "--no-bundle", this.bundle];
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", fd, fd],
      env: offlineEnv({
        ci: true,
        extra: { PORT: String(this.port), QM_STATE_DIR: this.stateDir, QM_SKIP_BUILD: "1", RATE_LIMIT_SCALE: String(this.rateLimitScale) },
      }),
    });
    const child = this.child;
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
      try {
        const res = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`no /api/health from ${this.base} within ${timeoutMs} ms; see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
  }

  /** The crash: SIGKILL to the whole process group we started, then wait until it is gone. */
  async kill() {
    const child = this.child;
    if (!child) return;
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", r));
    this.#killGroup();
    await Promise.race([exited, sleep(10_000)]);
    // workerd may take a moment to release the port after its leader died.
    for (let i = 0; i < 50 && (await portBusy(this.port)); i++) await sleep(100);
  }

  /** A clean stop at the end: SIGTERM (start.mjs passes it on), then SIGKILL for what is left. */
  async stop() {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    this.#killGroup();
    process.off("exit", this.onExit);
  }

  #killGroup() {
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

function portBusy(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(true));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(false)));
  });
}
