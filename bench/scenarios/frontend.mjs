// Scenario 6: what the browser pays to open the app.
//   bundle: gzipped bytes of the JS and CSS that index.html loads up front (scripts, module
//           preloads, stylesheets), from the build this run serves. gzip -9, as a CDN would.
//   open:   Debian's Chromium (playwright-core, headless, offline flags from TOOLCHAIN.md),
//           signed in, navigates to /chats/<id> of the 100,000-message room; the time is
//           performance.now() in the page (ms since navigation start) at the first frame
//           after the latest message's bubble entered the DOM. Fresh profile per load: cold.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { historyRoom } from "./history.mjs";

const CHROMIUM = process.env.QM_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

/** The initial-load assets named by index.html and their raw and gzipped sizes. */
export function bundleSizes(clientDir) {
  const html = readFileSync(join(clientDir, "index.html"), "utf8");
  const refs = new Set();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:stylesheet|modulepreload)"/g)) refs.add(m[1]);
  const files = [...refs]
    .filter((r) => r.startsWith("/") && /\.(m?js|css)$/.test(r))
    .map((r) => {
      const bytes = readFileSync(join(clientDir, r));
      return { file: r, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  const sum = (kind) => files.filter((f) => f.file.endsWith(kind)).reduce((n, f) => n + f.gzip, 0);
  return { files, jsGzip: sum("js"), cssGzip: sum(".css"), totalGzip: files.reduce((n, f) => n + f.gzip, 0), totalRaw: files.reduce((n, f) => n + f.bytes, 0) };
}

// Runs in the page before any of its scripts: note when the bubble with the wanted seq appears.
const watchScript = (seq) => `
  (() => {
    const sel = '.bubble[data-seq="${seq}"]';
    const seen = () => { window.__qmLatestInDom = performance.now(); requestAnimationFrame(() => { window.__qmLatestPainted = performance.now(); }); };
    const obs = new MutationObserver(() => { if (document.querySelector(sel)) { obs.disconnect(); seen(); } });
    document.addEventListener("DOMContentLoaded", () => { if (document.querySelector(sel)) seen(); });
    obs.observe(document, { childList: true, subtree: true });
  })();`;

export const frontend = {
  sides: ["app"],
  open: historyRoom,
  close: async () => {},
  measure,
};

async function measure(ctx, side, room) {
  const sizes = bundleSizes(ctx.clientDir);
  const user = room.members[0];
  const res = await fetch(`${side.target.base}/api/chats/${room.id}`, { headers: { cookie: user.cookie } });
  const lastSeq = (await res.json()).chat.lastSeq;
  const [name, ...rest] = user.cookie.split("=");
  const value = rest.join("=");

  const loads = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    for (let i = 0; i < ctx.opts.frontendLoads; i++) {
      // A new context is a fresh profile (playwright gives the browser a temp user-data-dir).
      const context = await browser.newContext();
      try {
        await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
        await context.addInitScript(watchScript(lastSeq));
        const page = await context.newPage();
        await page.goto(`${side.target.base}/chats/${room.id}`);
        const painted = await page.waitForFunction(() => window.__qmLatestPainted, null, { timeout: 30_000, polling: 50 });
        const inDom = await page.evaluate(() => window.__qmLatestInDom);
        // The waterfall up to that moment (ms since navigation start): what the time went on.
        const waterfall = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const rows = [{ what: "document", start: 0, end: Math.round(nav.responseEnd) }, { what: "DOMContentLoaded", start: Math.round(nav.domContentLoadedEventEnd), end: null }];
          for (const e of performance.getEntriesByType("resource")) rows.push({ what: new URL(e.name).pathname.replace(/[a-z0-9]{20}/g, ":id"), start: Math.round(e.startTime), end: Math.round(e.responseEnd) });
          return rows;
        });
        loads.push({ paintedMs: Math.round(await painted.jsonValue()), inDomMs: Math.round(inDom), waterfall });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const sorted = loads.map((l) => l.paintedMs).sort((a, b) => a - b);
  return { sizes, lastSeq, loads, openMs: sorted[sorted.length >> 1] };
}
