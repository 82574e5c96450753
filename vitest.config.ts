// Worker tests run inside workerd through the real bindings (D1, R2, Durable Objects).
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            JWT_SECRET: "test-only-secret-not-used-anywhere-else-0123456789",
            // A throwaway VAPID pair made for these tests only.
            VAPID_PUBLIC_KEY: "BBt4kwWnvlKx3fZYJjHzYjQLE6qh2S6_4eJIGD9qWTGU_i4sGUeNHdJJUQuOE_MeuIfckOQNU0UGdr21UJM-PBk",
            VAPID_PRIVATE_KEY: "Un2rbCdh-QM4rKqFocek5JZYkiYpxB6Mz0Whauiil-k",
            VAPID_SUBJECT: "mailto:tests@qmessenger.invalid",
            // The push service in tests is a spy on fetch at push.example.
            PUSH_SERVICE_HOSTS: "push.example,*.push.services.mozilla.com",
          },
        },
      }),
    ],
    test: {
      include: ["tests/worker/**/*.test.ts"],
      setupFiles: ["./tests/worker/setup.ts"],
      testTimeout: 20_000,
    },
  };
});
