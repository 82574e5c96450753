import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Client, expectError } from "./client.ts";

describe("health and unknown routes", () => {
  it("reports health with the app version", async () => {
    const res = await new Client().request("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String) });
  });

  it("answers an unknown /api path with the 404 error body", async () => {
    await expectError(await new Client().request("GET", "/api/nope/nothing"), 404, "not_found");
    await expectError(await new Client().request("POST", "/api/chats/x/nope", {}), 401, "unauthenticated");
  });

  it("sets security headers on API responses", async () => {
    const res = await new Client().request("GET", "/api/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    // HSTS only where it means something: over https.
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const https = await exports.default.fetch(new Request("https://qm.test/api/health"));
    expect(https.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  });
});
