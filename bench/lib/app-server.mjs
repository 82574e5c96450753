// Lifecycle of the server under test: the app as it ships, under `wrangler dev`, started by
// scripts/start.mjs on a free 127.0.0.1 port with a fresh temporary state dir and rate limits
// raised for this run only (RATE_LIMIT_SCALE, a --var, never a file change).
//
// Snapshots keep a long run honest in a checkout that other engineers edit meanwhile:
// - The worker is bundled once (`wrangler deploy --dry-run`, the exact bytes a deploy would
//   upload) and served with --no-bundle. `wrangler dev` on worker/ would rebuild and restart
//   on every saved file, dropping every socket in the middle of a scenario.
// - The SPA is built into the temp dir and served from there, so we neither read nor clobber
//   the dist/client that someone's `npm start` is serving.
// - wrangler.toml and .dev.vars are copied there too (see snapshotConfig).
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureAssetsDir, ensureDevVars } from "../../scripts/lib/local.mjs";
import { ROOT, freePort, offlineEnv, run } from "../../scripts/lib/run.mjs";
import { groupProcesses } from "./machine.mjs";
import { sleep } from "./stats.mjs";

export { freePort };

async function runLogged(cmd, args, log) {
  const fd = openSync(log, "a");
  const code = await run(cmd, args, { ci: true, stdio: ["ignore", fd, fd] });
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${code}); see ${log}`);
}

/**
 * Bundles the worker and builds the SPA into a fresh temp dir. With `patches` (diff files
 * against the repository root), the worker is bundled from a patched copy of worker/ instead:
 * that is how a proposed fix is measured without touching the checkout. With `ref`, the copy
 * is worker/ as committed at that git ref, so an A/B pair differs by the patch and nothing else.
 */
export async function prepareApp({ logDir, patches = [], ref }) {
  const work = mkdtempSync(join(tmpdir(), "qm-bench-"));
  try {
    return await build(work, { logDir, patches, ref });
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

async function build(work, { logDir, patches, ref }) {
  const log = join(logDir, "build.log");
  // wrangler refuses a config whose assets directory is missing (a fresh clone has no build).
  ensureAssetsDir();
  const bundle = ["deploy", "--dry-run", "--outdir", join(work, "worker"), "-c", join(ROOT, "wrangler.toml")];
  if (patches.length || ref) {
    const src = join(work, "src");
    mkdirSync(src, { recursive: true });
    // `ref`: worker/ as committed there (A/B runs must not pick up someone's unsaved edits).
    // package.json comes along: its "imports" map resolves `#protocol` for the bundler.
    if (ref) execFileSync("sh", ["-c", `git -C "$1" archive "$2" worker package.json | tar -x -C "$3"`, "sh", ROOT, ref, src]);
    else {
      cpSync(join(ROOT, "worker"), join(src, "worker"), { recursive: true });
      copyFileSync(join(ROOT, "package.json"), join(src, "package.json"));
    }
    // The copy resolves its packages through this link, as it would from the checkout.
    symlinkSync(join(ROOT, "node_modules"), join(src, "node_modules"));
    for (const p of patches) await runLogged("patch", ["-p1", "--forward", "-d", src, "-i", resolve(p)], log);
    bundle.push(join(src, "worker", "index.ts"));
  }
  await runLogged("wrangler", bundle, log);
  await runLogged("vite", ["build", "--outDir", join(work, "client"), "--emptyOutDir", "--logLevel", "warn"], log);
  return { work, workerDir: join(work, "worker"), clientDir: join(work, "client") };
}

/**
 * The config and secrets the server reads, copied into the temp dir: wrangler dev watches its
 * config and .dev.vars and restarts (dropping every socket, answering 503) when either is
 * saved, which someone in a shared checkout will do during a 20-minute run. Paths in the copy
 * point at the snapshots.
 */
function snapshotConfig({ work, workerDir, clientDir }) {
  let toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const set = (key, value) => {
    const re = new RegExp(`^(${key}\\s*=\\s*)"[^"]*"`, "m");
    if (!re.test(toml)) throw new Error(`wrangler.toml has no ${key} = "..." line to point at the snapshot`);
    toml = toml.replace(re, `$1${JSON.stringify(value)}`);
  };
  set("main", join(workerDir, "index.js"));
  set("directory", clientDir);
  set("migrations_dir", join(ROOT, "migrations"));
  const config = join(work, "wrangler.toml");
  writeFileSync(config, toml);
  if (existsSync(join(ROOT, ".dev.vars"))) copyFileSync(join(ROOT, ".dev.vars"), join(work, ".dev.vars"));
  return config;
}

/**
 * Starts the app and waits for /api/health. Returns { base, port, pid, pgid, inspectorPort,
 * workerd: {entry, user}, stop() }. `stop` is idempotent and also runs on process exit.
 */
export async function startApp({ work, workerDir, clientDir, logDir, rateLimitScale }) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const stateDir = join(work, "state");
  mkdirSync(stateDir, { recursive: true });
  const logFile = join(logDir, "server.log");
  const fd = openSync(logFile, "w");
  // The secrets must exist before the snapshot copies them (a fresh clone has no .dev.vars yet).
  ensureDevVars();
  const config = snapshotConfig({ work, workerDir, clientDir });
  // start.mjs's own steps (.dev.vars check, D1 migrations into stateDir) then `wrangler dev`
  // with our arguments appended; --no-bundle: the snapshot is already the deployable bundle.
  const args = ["scripts/start.mjs", "-c", config, "--no-bundle", "--inspector-port", String(inspectorPort)];
  // detached: the server gets its own process group, so stop() can end wrangler and both
  // workerd processes even if start.mjs dies first.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", fd, fd],
    env: offlineEnv({ ci: true, extra: { PORT: String(port), QM_STATE_DIR: stateDir, QM_SKIP_BUILD: "1", RATE_LIMIT_SCALE: String(rateLimitScale) } }),
  });
  const pgid = child.pid;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killNow);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM"); // start.mjs forwards it to wrangler, which stops workerd
      await Promise.race([exited, sleep(10_000)]);
    }
    killNow();
    rmSync(work, { recursive: true, force: true });
  };
  // Last resort when we exit abruptly: the whole group, by its id (ours alone).
  const killNow = () => {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.on("exit", killNow);

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited (code ${child.exitCode}); see ${logFile}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`no /api/health from ${base} within 120 s; see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    }
    await sleep(300);
  }
  // wrangler dev runs two workerd processes: an entry proxy on our port and the runtime that
  // runs the worker and its Durable Objects (the one with an inspector). Both carry traffic.
  const procs = groupProcesses(pgid);
  const workerds = procs.filter((p) => p.comm === "workerd");
  const user = workerds.find((p) => p.args.includes("--inspector-addr")) ?? workerds[1] ?? null;
  const entry = workerds.find((p) => p !== user) ?? null;
  return { base, port, pid: child.pid, pgid, inspectorPort, logFile, workerd: { entry: entry?.pid ?? null, user: user?.pid ?? null }, procs, stop };
}
