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
    // One CSS file and one JS chunk: the whole app is small, and fewer requests beat splitting.
    cssCodeSplit: false,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: api, ws: true, changeOrigin: false },
    },
  },
});
