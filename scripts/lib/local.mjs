// The steps that put a local qmessenger in a runnable state, shared by start.mjs (built SPA
// served by wrangler), dev.mjs (wrangler + vite) and test/bench runners that start servers.
//
// Settings a caller can give through the environment:
//   PORT=8787            where wrangler dev listens (always on 127.0.0.1)
//   QM_STATE_DIR=<dir>   local D1/DO/R2 state (wrangler --persist-to); default .wrangler/state
//   <any [vars] key>     e.g. RATE_LIMIT_SCALE=100, passed as `--var` (see run.mjs)

import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, appendFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, run, settingOverrides } from "./run.mjs";

/** Port and state dir from the environment, resolved once. */
export function localOptions(env = process.env) {
  return {
    port: Number(env.PORT || 8787),
    stateDir: env.QM_STATE_DIR ? resolve(env.QM_STATE_DIR) : undefined,
  };
}

/** A fresh P-256 key pair for Web Push (VAPID), as the base64url strings the Worker reads. */
function vapidLines() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" });
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-65);
  return [`VAPID_PUBLIC_KEY=${raw.toString("base64url")}`, `VAPID_PRIVATE_KEY=${jwk.d}`, "VAPID_SUBJECT=mailto:admin@localhost"];
}

/**
 * Makes sure .dev.vars holds the local secrets: JWT_SECRET and a VAPID key pair. Fresh random
 * ones per checkout, never committed defaults: a hard-coded secret ends up signing someone's
 * production sessions. Existing values are kept (a secret that changes would log everyone
 * out); only missing ones are appended. `wx` makes two runners starting at once safe.
 */
export function ensureDevVars() {
  const file = join(ROOT, ".dev.vars");
  const wanted = [`JWT_SECRET=${randomBytes(32).toString("base64url")}`, ...vapidLines()];
  try {
    writeFileSync(file, `# Local secrets for wrangler dev (not committed). Made by scripts/start.mjs.\n${wanted.join("\n")}\n`, {
      flag: "wx",
      mode: 0o600,
    });
    console.log("created .dev.vars with a random JWT_SECRET and VAPID keys");
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== "EEXIST") throw err;
    let have = readFileSync(file, "utf8");
    const has = (name) => new RegExp(`^\\s*${name}\\s*=`, "m").test(have);
    // The two VAPID keys are one pair: if either is missing, both are made anew.
    if (!has("VAPID_PUBLIC_KEY") || !has("VAPID_PRIVATE_KEY")) {
      have = have.replace(/^\s*VAPID_(PUBLIC|PRIVATE)_KEY\s*=.*\n?/gm, "");
      writeFileSync(file, have, { mode: 0o600 });
    }
    const missing = wanted.filter((line) => !has(line.split("=")[0]));
    if (missing.length) {
      appendFileSync(file, `\n${missing.join("\n")}\n`);
      console.log(`added ${missing.map((l) => l.split("=")[0]).join(", ")} to .dev.vars`);
    }
  }
}

/**
 * `vite build` leaves .wrangler/deploy/config.json behind when a Cloudflare vite plugin is
 * in use, and from then on wrangler silently runs the built copy of the worker instead of
 * worker/. Removing it keeps `wrangler dev` on the sources.
 */
export function removeDeployRedirect() {
  rmSync(join(ROOT, ".wrangler", "deploy"), { recursive: true, force: true });
}

/** wrangler refuses to start when [assets].directory is missing (e.g. dev before any build). */
export function ensureAssetsDir() {
  mkdirSync(join(ROOT, "dist", "client"), { recursive: true });
}

/**
 * Applies D1 migrations to the local database without the (Y/n) prompt: CI=1 and no stdin.
 * Exits the process when they fail, since a server on a half-migrated database only
 * produces confusing errors later.
 * @param {{ stateDir?: string }} [opts]
 */
export async function applyMigrations({ stateDir } = {}) {
  if (!existsSync(join(ROOT, "migrations"))) {
    console.log("no migrations/ folder: skipping D1 migrations");
    return;
  }
  const args = ["d1", "migrations", "apply", "DB", "--local", ...(stateDir ? ["--persist-to", stateDir] : [])];
  const code = await run("wrangler", args, { ci: true, stdio: ["ignore", "inherit", "inherit"] });
  if (code !== 0) {
    console.error(`wrangler ${args.join(" ")} failed (exit ${code})`);
    process.exit(code);
  }
}

/**
 * Arguments for `wrangler dev` on 127.0.0.1 with the port, state dir and setting overrides.
 * @param {{ port: number, stateDir?: string }} opts
 * @param {string[]} [extra] passed through after ours (e.g. `--log-level debug`)
 */
export function wranglerDevArgs({ port, stateDir }, extra = []) {
  return [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    ...(stateDir ? ["--persist-to", stateDir] : []),
    ...settingOverrides(),
    ...extra,
  ];
}
