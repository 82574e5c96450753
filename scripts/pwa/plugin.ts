// The installable app's build step (a vite plugin, vite.config.ts): next to the SPA it writes
// - icons/*.png, drawn from web/public/favicon.svg (icons.ts);
// - manifest.webmanifest (linked from web/index.html);
// - sw.js, the service worker (web/sw/sw.ts) bundled on its own as one classic script, with the
//   list of app-shell files this build produced and a version hashed from their contents
//   compiled in. A build that changes any file changes sw.js, which is how the browser notices
//   a new version (the page then offers "Reload").
// Under `vite dev` the manifest and icons are served from memory and no worker is built or
// registered (web/pwa/shell.ts registers only in production builds).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "vite";
import { appIcons, logoColour, type Icon } from "./icons.ts";

const root = join(import.meta.dirname, "..", "..");
const logo = join(root, "web", "public", "favicon.svg");
const swEntry = join(root, "web", "sw", "sw.ts");
/** Larger files are left out of the precache (see generateBundle). */
const precacheMaxBytes = 512 * 1024;

export function manifest(icons: Icon[]) {
  return {
    name: "qmessenger",
    short_name: "qmessenger",
    description: "Real-time chats for small teams and friends",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    // The app's light background, and the logo's blue for the window's title bar.
    background_color: "#ffffff",
    theme_color: logoColour,
    icons: icons.map((i) => ({ src: `/${i.fileName}`, sizes: `${i.size}x${i.size}`, type: "image/png", purpose: i.purpose })),
  };
}

async function bundleWorker(precache: string[], version: string): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: "warn",
    root,
    publicDir: false,
    define: { __QM_PRECACHE__: JSON.stringify(precache), __QM_VERSION__: JSON.stringify(version) },
    build: {
      write: false,
      target: "es2024",
      minify: true,
      copyPublicDir: false,
      rollupOptions: { input: swEntry, output: { format: "iife", entryFileNames: "sw.js" } },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if (!("output" in o)) continue;
    for (const chunk of o.output) if (chunk.type === "chunk" && chunk.isEntry) return chunk.code;
  }
  throw new Error("the service worker build produced no script");
}

export function pwa(): Plugin {
  let icons: Icon[] | null = null;
  const iconsNow = () => (icons ??= appIcons(readFileSync(logo, "utf8")));
  return {
    name: "qmessenger-pwa",

    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split("?")[0];
        if (path === "/manifest.webmanifest") {
          res.setHeader("Content-Type", "application/manifest+json");
          res.end(JSON.stringify(manifest(iconsNow())));
          return;
        }
        const icon = iconsNow().find((i) => `/${i.fileName}` === path);
        if (!icon) return next();
        res.setHeader("Content-Type", "image/png");
        res.end(Buffer.from(icon.png));
      });
    },

    // Last, after vite has added index.html and the CSS: the list must see every file.
    generateBundle: {
      order: "post",
      async handler(_options, bundle) {
        for (const icon of iconsNow()) this.emitFile({ type: "asset", fileName: icon.fileName, source: icon.png });
        const webManifest = `${JSON.stringify(manifest(iconsNow()), null, 2)}\n`;
        this.emitFile({ type: "asset", fileName: "manifest.webmanifest", source: webManifest });

        // Everything the app needs to start offline: the page, its scripts and styles, the
        // icons, the manifest and the public logo (copied by vite outside this bundle). Not
        // source maps, and not the big lazy chunks (the emoji picker's data): they load from
        // the network when used, and a read-only offline app does not need them.
        const hash = createHash("sha256").update(readFileSync(logo)).update(webManifest);
        const files: string[] = [];
        for (const f of Object.keys(bundle).sort()) {
          const item = bundle[f]!;
          const content = item.type === "chunk" ? item.code : item.source;
          hash.update(f).update(content);
          if (!f.endsWith(".map") && content.length <= precacheMaxBytes) files.push(f);
        }
        for (const icon of iconsNow()) hash.update(icon.png);
        const version = hash.digest("hex").slice(0, 16);
        const precache = [
          "/",
          "/favicon.svg",
          "/manifest.webmanifest",
          ...iconsNow().map((i) => `/${i.fileName}`),
          ...files.filter((f) => f !== "index.html").map((f) => `/${f}`),
        ];
        this.emitFile({ type: "asset", fileName: "sw.js", source: await bundleWorker(precache, version) });
      },
    },
  };
}
