#!/usr/bin/env node
// `npm start`: build the SPA and serve everything (API, sockets, SPA) from one local
// `wrangler dev` on http://127.0.0.1:${PORT:-8787}, the way it runs in production.
//
//   npm start                                  build, migrate, serve on 8787
//   PORT=9000 npm start                        another port
//   RATE_LIMIT_SCALE=100 npm start             any wrangler.toml [vars] key overrides its default
//   QM_STATE_DIR=/tmp/qm-1 npm start           separate local D1/DO/R2 state (tests, chaos runs)
//   npm start -- --no-build                    or QM_SKIP_BUILD=1: serve the dist/client already built
//   npm start -- --log-level debug             other arguments go to `wrangler dev` as they are
//
// Steps: .dev.vars with a random JWT_SECRET if missing; `vite build` (to dist/client); local D1
// migrations; remove .wrangler/deploy; `wrangler dev`. Test runners can spawn this script and
// poll /api/health; SIGTERM/SIGINT to this process stops wrangler and workerd with it.

import { applyMigrations, ensureAssetsDir, ensureDevVars, localOptions, removeDeployRedirect, wranglerDevArgs } from "./lib/local.mjs";
import { run, runOrExit } from "./lib/run.mjs";
import { useToolNode } from "./lib/node.mjs";

await useToolNode();

const argv = process.argv.slice(2);
const skipBuild = argv.includes("--no-build") || ["1", "true"].includes(process.env.QM_SKIP_BUILD ?? "");
const passThrough = argv.filter((a) => a !== "--no-build");
const opts = localOptions();

ensureDevVars();
if (skipBuild) ensureAssetsDir();
else await runOrExit("vite", ["build"]);
await applyMigrations(opts);
removeDeployRedirect();

process.exitCode = await run("wrangler", wranglerDevArgs(opts, passThrough));
