// `npm run fuzz`: the fuzz tests of tests/worker/fuzz*.test.ts with FUZZ_RUNS cases per target
// (default 10,000) instead of the short run inside `npm test`. Same workerd setup as
// ../../vitest.config.ts, plus three bindings the tests read from `env`:
//   FUZZ_RUNS         cases per target
//   FUZZ_SEED         replay a run (fast-check prints the seed of a failure)
//   RATE_LIMIT_SCALE  default 1000 here, so that 10,000 valid sends are not all refused by the
//                     per-user message limit (rate_limited is still accepted as an answer)
// Pick one target with vitest's -t: `npm run fuzz -- -t "reactions"`.
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig(async () => {
  const migrations = await readD1Migrations(`${root}/migrations`);
  const bindings = {
    TEST_MIGRATIONS: migrations,
    JWT_SECRET: "test-only-secret-not-used-anywhere-else-0123456789",
    FUZZ_RUNS: process.env.FUZZ_RUNS || "10000",
    RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE || "1000",
    ...(process.env.FUZZ_SEED ? { FUZZ_SEED: process.env.FUZZ_SEED } : {}),
  };
  return {
    root,
    plugins: [cloudflareTest({ wrangler: { configPath: `${root}/wrangler.toml` }, miniflare: { bindings } })],
    test: {
      include: ["tests/worker/fuzz*.test.ts"],
      setupFiles: ["./tests/worker/setup.ts"],
      // One file at a time: each target already keeps a core busy for minutes.
      fileParallelism: false,
      testTimeout: 24 * 3_600_000,
      hookTimeout: 120_000,
    },
  };
});
