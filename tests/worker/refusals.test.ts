// A refused request leaves no trace (docs/security.md V2 "Anti-automation"): a request the
// limits turn away must not write a row, update a count or delete anything in D1, so that
// being refused costs the server a read and nothing else, and an attacker cannot fill the
// table with the names they tried. The oracle is SQLite itself: triggers count every insert,
// update and delete on rate_windows, whatever code made them.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, expectError, uniqueName } from "./client.ts";

const PASSWORD = "correct horse battery staple";

let ipCount = 0;
const freshIp = () => `10.9.${ipCount >> 8}.${ipCount++ & 255}`;

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("CREATE TABLE IF NOT EXISTS test_writes (op TEXT NOT NULL)"),
    env.DB.prepare("CREATE TRIGGER IF NOT EXISTS test_rw_insert AFTER INSERT ON rate_windows BEGIN INSERT INTO test_writes VALUES ('insert'); END"),
    env.DB.prepare("CREATE TRIGGER IF NOT EXISTS test_rw_update AFTER UPDATE ON rate_windows BEGIN INSERT INTO test_writes VALUES ('update'); END"),
    env.DB.prepare("CREATE TRIGGER IF NOT EXISTS test_rw_delete AFTER DELETE ON rate_windows BEGIN INSERT INTO test_writes VALUES ('delete'); END"),
  ]);
});

const writes = async () => (await env.DB.prepare("SELECT count(*) AS n FROM test_writes").first<{ n: number }>())!.n;
const rows = async () => (await env.DB.prepare("SELECT key, window_start, count FROM rate_windows ORDER BY key, window_start").all()).results;
const keyed = async (key: string) => (await env.DB.prepare("SELECT count(*) AS n FROM rate_windows WHERE key = ?").bind(key).first<{ n: number }>())!.n;

/** Runs `refused`, which must be turned away, and reports what it wrote to rate_windows. */
async function trace(refused: () => Promise<void>) {
  const [w, r] = [await writes(), await rows()];
  await refused();
  return { writes: (await writes()) - w, rowsBefore: r, rowsAfter: await rows() };
}

const login = (ip: string, username: string, password: string) => new Client(ip).request("POST", "/api/auth/login", { username, password });

describe("refused requests write nothing", () => {
  it("a refused login changes no count, and one for a new username adds no row", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await expectError(await login(ip, uniqueName("nobody"), `guess ${i}`), 401, "invalid_credentials");
    const stranger = uniqueName("stranger");
    const t = await trace(async () => {
      await expectError(await login(ip, stranger, "whatever it is"), 429, "rate_limited");
      await expectError(await login(ip, uniqueName("nobody"), "another guess"), 429, "rate_limited");
    });
    expect(t.writes).toBe(0);
    expect(t.rowsAfter).toEqual(t.rowsBefore);
    expect(await keyed(`login-fail:user:${stranger}`)).toBe(0);
  });

  it("a refused registration changes no count", async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) await new Client(ip).json("POST", "/api/auth/register", { username: uniqueName(), password: PASSWORD }, 201);
    const t = await trace(async () => {
      await expectError(await new Client(ip).request("POST", "/api/auth/register", { username: uniqueName(), password: PASSWORD }), 429, "rate_limited");
    });
    expect(t.writes).toBe(0);
    expect(t.rowsAfter).toEqual(t.rowsBefore);
  });

  it("a refused per-user action (a search over the limit) changes no count", async () => {
    const alice = await Client.register(uniqueName(), PASSWORD, freshIp());
    for (let i = 0; i < 60; i++) await alice.json("GET", "/api/search?q=x");
    const t = await trace(async () => {
      await expectError(await alice.request("GET", "/api/search?q=x"), 429, "rate_limited");
    });
    expect(t.writes).toBe(0);
    expect(t.rowsAfter).toEqual(t.rowsBefore);
  });

  it("a successful login leaves no count behind for its username", async () => {
    const alice = await Client.register(uniqueName(), PASSWORD, freshIp());
    expect((await login(freshIp(), alice.user.username, PASSWORD)).status).toBe(200);
    expect(await keyed(`login-fail:user:${alice.user.username}`)).toBe(0);
  });

  it("cleans up old windows through an index, not by scanning the table", async () => {
    const plan = await env.DB.prepare("EXPLAIN QUERY PLAN DELETE FROM rate_windows WHERE window_start < ?").bind(0).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join("\n")).toMatch(/USING (COVERING )?INDEX/);
  });
});

describe("per-IP limits", () => {
  it("count IPv6 addresses by their /64, so one host cannot rotate through its own block", async () => {
    const { user } = await Client.register(uniqueName(), PASSWORD, freshIp());
    const block = `2001:db8:${(ipCount++).toString(16)}:7`;
    for (let i = 1; i <= 5; i++) await expectError(await login(`${block}::${i.toString(16)}`, uniqueName("nobody"), "some password"), 401, "invalid_credentials");
    await expectError(await login(`${block}:ffff:ffff:ffff:fff0`, user.username, PASSWORD), 429, "rate_limited");
    // The next /64 is someone else.
    expect((await login(`${block.slice(0, -1)}8::1`, user.username, PASSWORD)).status).toBe(200);
  });
});
