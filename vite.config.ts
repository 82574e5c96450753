// The SPA build. wrangler serves dist/client as static assets with an SPA fallback, so the
// output lands there; `npm run dev` proxies /api (and its sockets) to `wrangler dev`.
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { pwa } from "./scripts/pwa/plugin.ts";

const api = process.env.QM_API_ORIGIN ?? "http://127.0.0.1:8787";

export default defineConfig({
  root: "web",
  plugins: [preact(), pwa()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2024",
    // The first screen's styles are one file; a lazily loaded chunk brings its own (see
    // web/styles/lazy/), which vite loads before the chunk runs, so nothing shows unstyled.
    cssCodeSplit: true,
    rolldownOptions: {
      output: {
        // Screens that most visits never open are chunks of their own, loaded on first use
        // (web/components/lazy.tsx). Everything the first screen imports statically goes into
        // one chunk, rather than being cut into small shared pieces by which lazy chunk also
        // uses them: fewer requests, and one gzip stream compresses better than ten.
        codeSplitting: { groups: [{ name: "app", tags: ["$initial"] }] },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: api, ws: true, changeOrigin: false },
    },
  },
});
