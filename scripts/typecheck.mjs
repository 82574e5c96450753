#!/usr/bin/env node
// `npm run typecheck`: tsc over each of the project's programs (worker, web app, worker tests,
// unit tests, Node scripts and benchmarks), one after another, under the tools' Node (lib/node.mjs).
// All of them run even when one fails, so one run shows every error; the exit code is the first
// failure's.

import { useToolNode } from "./lib/node.mjs";
import { run } from "./lib/run.mjs";

await useToolNode();

const PROJECTS = ["tsconfig.json", "tsconfig.web.json", "tsconfig.sw.json", "tests/tsconfig.json", "tests/unit/tsconfig.json", "tsconfig.node.json"];

let exitCode = 0;
for (const project of PROJECTS) {
  const code = await run("tsc", ["-p", project]);
  if (code !== 0) {
    console.error(`tsc -p ${project} failed (exit ${code})`);
    exitCode ||= code;
  }
}
process.exitCode = exitCode;
