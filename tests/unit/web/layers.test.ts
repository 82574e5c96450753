// Where I/O may happen in the web app (docs/architecture.md "The SPA"). Views (components/,
// pages/, app.tsx) call named actions on models and read their signals: they never call the
// network, open a socket or touch storage. Models (state/) reach the browser only through the
// IO they are given: only state/browser.ts (the browser's IO) and state/router.ts (the
// address bar) touch its globals. The file lists are read from disk, so a new file is checked
// without anyone adding it here.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The modules a file imports at run time (type-only imports left out), as repo paths. */
function valueImports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm)) {
    if (m[1]) continue;
    const spec = m[2]!;
    found.push(spec.startsWith(".") ? relative(root, resolve(root, dirname(file), spec)) : spec);
  }
  return found;
}

const views = [...filesUnder("web/components"), ...filesUnder("web/pages"), "web/app.tsx"];
const models = filesUnder("web/state");

describe("views", () => {
  it("are found (the check below is not vacuous)", () => {
    expect(views).toContain("web/components/ChatView.tsx");
    expect(views).toContain("web/pages/JoinPage.tsx");
    expect(views.length).toBeGreaterThan(20);
  });

  it("import nothing that does I/O: no HTTP client, no socket, no file probing, no browser IO", () => {
    const allowedFromApi = new Set(["web/api/errors.ts"]);
    const offending = views.flatMap((file) =>
      valueImports(file)
        .filter((dep) => (dep.startsWith("web/api/") && !allowedFromApi.has(dep)) || dep.startsWith("web/realtime/") || dep === "web/media/probe.ts" || dep === "web/state/browser.ts")
        .map((dep) => `${file} imports ${dep}`),
    );
    expect(offending).toEqual([]);
  });

  it("call no fetch, open no WebSocket and touch no storage themselves", () => {
    const offending = views.filter((file) => /\bfetch\(|new WebSocket\b|\blocalStorage\b|\bsessionStorage\b/.test(readFileSync(join(root, file), "utf8")));
    expect(offending).toEqual([]);
  });
});

describe("models", () => {
  it("reach the browser only through IO: only browser.ts and router.ts touch its globals", () => {
    const globals = /\b(document|window|location|navigator|localStorage|sessionStorage)\.|\bhistory\.(pushState|replaceState|back)\b|\b(addEventListener|removeEventListener|fetch)\(|new WebSocket\b/;
    const offending = models.filter((file) => file !== "web/state/browser.ts" && file !== "web/state/router.ts").filter((file) => globals.test(readFileSync(join(root, file), "utf8")));
    expect(models).toContain("web/state/openChat/openChat.ts");
    expect(offending).toEqual([]);
  });

  it("do not import the browser's IO or the address bar: they are handed in", () => {
    const offending = models
      .filter((file) => file !== "web/state/browser.ts")
      .flatMap((file) => valueImports(file).filter((dep) => dep === "web/state/browser.ts" || dep === "web/state/router.ts").map((dep) => `${file} imports ${dep}`));
    expect(offending).toEqual([]);
  });
});
