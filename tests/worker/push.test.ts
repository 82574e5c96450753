// Web Push: subscriptions, RFC 8291 payload encryption and RFC 8292 VAPID, and delivery to
// members who have no socket open in the chat. The push service is played by a spy on fetch.
import { env } from "cloudflare:workers";
import { importJWK, jwtVerify } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { encryptPayload, fromBase64url, vapidAuthorization } from "../../worker/inbox/web-push.ts";
import { base64url } from "../../worker/lib/ids.ts";
import { Client, expectError } from "./client.ts";

/** A browser's side of a subscription: its key pair and auth secret. */
async function browserSubscription(endpoint: string) {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair;
  const publicRaw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  const auth = crypto.getRandomValues(new Uint8Array(16));
  return { pair, publicRaw, auth, body: { endpoint, keys: { p256dh: base64url(publicRaw), auth: base64url(auth) } } };
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number) {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, bytes * 8));
}

/** The receiving side of RFC 8291, written from the RFC, independent of the sender's code. */
async function decrypt(sub: Awaited<ReturnType<typeof browserSubscription>>, body: Uint8Array) {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const sealed = body.subarray(21 + idlen);
  const asKey = await crypto.subtle.importKey("raw", asPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  const ecdh = new Uint8Array(await crypto.subtle.deriveBits({ name: "ECDH", public: asKey } as never, sub.pair.privateKey, 256));
  const info = new Uint8Array([...new TextEncoder().encode("WebPush: info\0"), ...sub.publicRaw, ...asPublic]);
  const ikm = await hkdf(sub.auth, ecdh, info, 32);
  const cek = await hkdf(salt, ikm, new TextEncoder().encode("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, new TextEncoder().encode("Content-Encoding: nonce\0"), 12);
  const key = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["decrypt"]);
  const plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce }, key, sealed));
  expect(plain.at(-1)).toBe(2); // last-record delimiter
  return new TextDecoder().decode(plain.subarray(0, -1));
}

afterEach(() => vi.restoreAllMocks());

describe("web push", () => {
  it("encrypts a payload that the subscriber, and only the subscriber, can read", async () => {
    const sub = await browserSubscription("https://push.example/abc");
    const body = await encryptPayload({ endpoint: sub.body.endpoint, ...sub.body.keys }, new TextEncoder().encode("привет"));
    expect(await decrypt(sub, body)).toBe("привет");
    const other = await browserSubscription("https://push.example/other");
    await expect(decrypt({ ...other, publicRaw: sub.publicRaw, auth: sub.auth }, body)).rejects.toThrow();
  });

  it("signs a VAPID token for the push service's origin with the server's key", async () => {
    const header = await vapidAuthorization(
      { publicKey: env.VAPID_PUBLIC_KEY!, privateKey: env.VAPID_PRIVATE_KEY!, subject: "mailto:x@y.z" },
      "https://push.example/some/path",
    );
    const [, token, key] = header.match(/^vapid t=([^,]+), k=(.+)$/)!;
    expect(key).toBe(env.VAPID_PUBLIC_KEY);
    const pub = fromBase64url(key!);
    const jwk = { kty: "EC", crv: "P-256", x: base64url(pub.subarray(1, 33)), y: base64url(pub.subarray(33, 65)) };
    const { payload } = await jwtVerify(token!, await importJWK(jwk, "ES256"), { audience: "https://push.example", algorithms: ["ES256"] });
    expect(payload.sub).toBe("mailto:x@y.z");
    expect(payload.exp! * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  });

  it("manages subscriptions and validates them", async () => {
    const alice = await Client.register();
    expect((await alice.json<{ publicKey: string }>("GET", "/api/push/key")).publicKey).toBe(env.VAPID_PUBLIC_KEY);
    const sub = await browserSubscription("https://push.example/alice");
    expect((await alice.request("POST", "/api/push/subscriptions", sub.body)).status).toBe(201);
    await expectError(await alice.request("POST", "/api/push/subscriptions", { ...sub.body, endpoint: "http://insecure.example/x" }), 400, "invalid_request");
    // Only push services: otherwise the server could be made to POST anywhere, e.g. inside a network.
    await expectError(await alice.request("POST", "/api/push/subscriptions", { ...sub.body, endpoint: "https://internal.example/hook" }), 400, "invalid_request");
    await expectError(await alice.request("POST", "/api/push/subscriptions", { ...sub.body, endpoint: "https://evilpush.example/x" }), 400, "invalid_request");
    expect((await alice.request("POST", "/api/push/subscriptions", { ...sub.body, endpoint: "https://updates.push.services.mozilla.com/wpush/v2/x" })).status).toBe(201);
    await expectError(await alice.request("POST", "/api/push/subscriptions", { endpoint: sub.body.endpoint, keys: { p256dh: "AAAA", auth: "AAAA" } }), 400, "invalid_request");
    expect((await alice.request("DELETE", "/api/push/subscriptions", { endpoint: sub.body.endpoint })).status).toBe(204);
    await expectError(await new Client().request("GET", "/api/push/key"), 401, "unauthenticated");
  });

  it("pushes a new message to a member with no socket in the chat, not to the sender nor a muted member", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const carol = await Client.register();
    const chat = await alice.createChat("Push room");
    await alice.addMember(chat.id, bob);
    await alice.addMember(chat.id, carol);
    const subs = {
      alice: await browserSubscription("https://push.example/alice"),
      bob: await browserSubscription("https://push.example/bob"),
      carol: await browserSubscription("https://push.example/carol"),
    };
    for (const [name, c] of [["alice", alice], ["bob", bob], ["carol", carol]] as const) {
      expect((await c.request("POST", "/api/push/subscriptions", subs[name].body)).status).toBe(201);
    }
    await carol.json("PATCH", `/api/chats/${chat.id}/settings`, { muted: true });
    // Bodies are read inside the spy: a stream made in the Inbox's context cannot be read from the test's.
    const delivered: { url: string; headers: Headers; body: Uint8Array }[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const req = new Request(input as RequestInfo, init);
      if (new URL(req.url).hostname !== "push.example") return realFetch(input as RequestInfo, init);
      delivered.push({ url: req.url, headers: req.headers, body: new Uint8Array(await req.arrayBuffer()) });
      return new Response(null, { status: 201 });
    });
    await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "ping ✨" }, 201);
    for (let i = 0; i < 100 && delivered.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(delivered.map((r) => r.url)).toEqual(["https://push.example/bob"]);
    const req = delivered[0]!;
    expect(req.headers.get("content-encoding")).toBe("aes128gcm");
    expect(req.headers.get("authorization")).toMatch(/^vapid t=/);
    const payload = JSON.parse(await decrypt(subs.bob, req.body));
    expect(payload).toMatchObject({ chatId: chat.id, title: "Push room", sender: alice.user.displayName, body: "ping ✨" });
  });
});

/** Plays the push services: records every request to `host`, answering with `status(url)`. */
function pushService(host = "push.example", status: (url: string) => number = () => 201) {
  const delivered: { url: string; redirect: string; body: Uint8Array }[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    if (new URL(req.url).hostname !== host) return realFetch(input as RequestInfo, init);
    delivered.push({ url: req.url, redirect: req.redirect, body: new Uint8Array(await req.arrayBuffer()) });
    const code = status(req.url);
    return new Response(null, { status: code, headers: code >= 300 && code < 400 ? { location: "https://internal.example/hook" } : {} });
  });
  return delivered;
}

/** Waits for `n` deliveries, then a little longer so that an extra one would be seen. */
async function settled(delivered: unknown[], n: number) {
  for (let i = 0; i < 150 && delivered.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 1300));
}

const post = (c: Client, chatId: string, body: string) =>
  c.json<{ message: { seq: number } }>("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body }, 201).then((r) => r.message);

async function pair(name: string) {
  const alice = await Client.register();
  const bob = await Client.register();
  const chat = await alice.createChat(name);
  await alice.addMember(chat.id, bob);
  return { alice, bob, chat };
}

describe("push rules", () => {
  it("a mention pierces mute", async () => {
    const { alice, bob, chat } = await pair("Muted");
    const sub = await browserSubscription("https://push.example/bob-muted");
    expect((await bob.request("POST", "/api/push/subscriptions", sub.body)).status).toBe(201);
    await bob.json("PATCH", `/api/chats/${chat.id}/settings`, { muted: true });
    const delivered = pushService();
    await post(alice, chat.id, "not for you");
    await settled(delivered, 1);
    expect(delivered).toEqual([]);
    await post(alice, chat.id, `@${bob.user.username} this is`);
    await settled(delivered, 1);
    expect(delivered).toHaveLength(1);
    expect(JSON.parse(await decrypt(sub, delivered[0]!.body))).toMatchObject({ chatId: chat.id, body: `@${bob.user.username} this is`, mention: true });
  });

  it("is not sent while the person has the app open (an inbox socket)", async () => {
    const { alice, bob, chat } = await pair("Open app");
    const sub = await browserSubscription("https://push.example/bob-open");
    expect((await bob.request("POST", "/api/push/subscriptions", sub.body)).status).toBe(201);
    const delivered = pushService();
    const res = await bob.request("GET", "/api/events", undefined, { headers: { upgrade: "websocket" } });
    const ws = res.webSocket!;
    ws.accept();
    const frames: string[] = [];
    ws.addEventListener("message", (e) => {
      frames.push(String(e.data));
    });
    await post(alice, chat.id, "seen in the page");
    for (let i = 0; i < 150 && !frames.some((f) => f.includes("seen in the page")); i++) await new Promise((r) => setTimeout(r, 20));
    expect(frames.some((f) => f.includes("seen in the page"))).toBe(true);
    await settled(delivered, 1);
    expect(delivered).toEqual([]);
    ws.close();
    // With the app closed, the next one is pushed.
    for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 20));
    await post(alice, chat.id, "now pushed");
    await settled(delivered, 1);
    expect(delivered.map((d) => d.url)).toEqual(["https://push.example/bob-open"]);
  });

  it("refuses keys that are not P-256 points", async () => {
    const { bob } = await pair("Keys");
    const sub = await browserSubscription("https://push.example/bob-keys");
    // 65 bytes that start like an uncompressed point but are not on the curve.
    const offCurve = base64url(new Uint8Array([4, ...new Uint8Array(64).fill(7)]));
    await expectError(await bob.request("POST", "/api/push/subscriptions", { ...sub.body, keys: { ...sub.body.keys, p256dh: offCurve } }), 400, "invalid_request");
    expect((await bob.request("POST", "/api/push/subscriptions", sub.body)).status).toBe(201);
  });

  it("keeps at most 10 subscriptions per user, replacing the oldest", async () => {
    const { alice, bob, chat } = await pair("Many devices");
    const subs = [];
    for (let i = 0; i < 11; i++) {
      const s = await browserSubscription(`https://push.example/bob-${i}`);
      expect((await bob.request("POST", "/api/push/subscriptions", s.body)).status).toBe(201);
      subs.push(s);
    }
    const delivered = pushService();
    await post(alice, chat.id, "to every device");
    await settled(delivered, 10);
    expect(delivered.map((d) => d.url).sort()).toEqual(subs.slice(1).map((s) => s.body.endpoint).sort());
  });

  it("does not follow redirects, and forgets subscriptions the service answers 404 or 410 for", async () => {
    const { alice, bob, chat } = await pair("Gone");
    const endpoints = ["https://push.example/gone", "https://push.example/unknown", "https://push.example/moved", "https://push.example/ok"];
    for (const e of endpoints) expect((await bob.request("POST", "/api/push/subscriptions", (await browserSubscription(e)).body)).status).toBe(201);
    const answers: Record<string, number> = { "/gone": 410, "/unknown": 404, "/moved": 301, "/ok": 201 };
    const delivered = pushService("push.example", (url) => answers[new URL(url).pathname]!);
    await post(alice, chat.id, "first");
    await settled(delivered, 4);
    expect(delivered.map((d) => d.url).sort()).toEqual([...endpoints].sort());
    expect(delivered.every((d) => d.redirect === "manual")).toBe(true);
    delivered.length = 0;
    await post(alice, chat.id, "second");
    await settled(delivered, 2);
    expect(delivered.map((d) => d.url).sort()).toEqual(["https://push.example/moved", "https://push.example/ok"]);
  });

  it("does not push a message deleted before its round goes out", async () => {
    const { alice, bob, chat } = await pair("Regret");
    const sub = await browserSubscription("https://push.example/bob-regret");
    expect((await bob.request("POST", "/api/push/subscriptions", sub.body)).status).toBe(201);
    const delivered = pushService();
    const m = await post(alice, chat.id, "oops");
    await alice.json("DELETE", `/api/chats/${chat.id}/messages/${m.seq}`, undefined, 204);
    await settled(delivered, 1);
    expect(delivered).toEqual([]);
    await post(alice, chat.id, "meant this");
    await settled(delivered, 1);
    expect(delivered.map((d) => d.url)).toEqual(["https://push.example/bob-regret"]);
  });
});
