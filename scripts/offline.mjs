#!/usr/bin/env node
// Runs one command with the project's binaries and no outbound attempts:
//   node scripts/offline.mjs vitest run
//   node scripts/offline.mjs wrangler deploy --dry-run
// Binaries come from node_modules/.bin; WRANGLER_SEND_METRICS=false,
// CLOUDFLARE_CF_FETCH_ENABLED=false and WRANGLER_HIDE_BANNER=true are set (see lib/run.mjs).
// CI=1 is added when stdin is not a terminal, so nothing waits on a prompt nobody can answer.
// stdio is inherited, SIGINT/SIGTERM/SIGHUP are passed on, and the child's exit code is ours.

import { run } from "./lib/run.mjs";
import { useToolNode } from "./lib/node.mjs";

await useToolNode();

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: node scripts/offline.mjs <command> [args...]");
  process.exit(2);
}

try {
  process.exitCode = await run(cmd, args, { ci: !process.stdin.isTTY, cwd: process.cwd() });
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  process.exitCode = 127;
}
