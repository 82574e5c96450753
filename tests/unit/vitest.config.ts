// `npm run test:unit`: unit tests of pure modules (protocol rules, parsers, merging, the
// outbox...) in plain Node: no workerd, no browser, so they run in seconds. Anything that
// needs D1, a Durable Object or a page is a worker or e2e test instead.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
  },
});
