// GET /api/search: text search over the caller's chats, any script, newest first.
import { describe, expect, it } from "vitest";
import type { Message } from "#protocol";
import { Client, expectError } from "./client.ts";

type Result = { chat: { id: string; name: string }; message: Message };
type Page = { results: Result[]; nextCursor: string | null };

describe("message search", () => {
  it("finds messages case-insensitively in every script, newest first, only in the caller's chats", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const work = await alice.createChat("Работа");
    const home = await alice.createChat("Home");
    const secret = await bob.createChat("Bob only");
    const post = (c: Client, chatId: string, body: string) =>
      c.json<{ message: Message }>("POST", `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), body }, 201);
    await post(alice, work.id, "Встреча в ПЯТНИЦУ");
    await post(alice, home.id, "купить хлеб в пятницу");
    await post(alice, home.id, "nothing here");
    await post(bob, secret.id, "пятница у Боба");
    const deleted = await post(alice, home.id, "пятница (deleted)");
    await alice.json("DELETE", `/api/chats/${home.id}/messages/${deleted.message.seq}`, undefined, 204);

    const { results } = await alice.json<{ results: Result[] }>("GET", `/api/search?q=${encodeURIComponent("Пятниц")}`);
    expect(results.map((r) => r.message.body)).toEqual(["купить хлеб в пятницу", "Встреча в ПЯТНИЦУ"]);
    expect(results[1]!.chat).toEqual({ id: work.id, name: "Работа" });

    const one = await alice.json<{ results: Result[] }>("GET", `/api/search?q=${encodeURIComponent("пятниц")}&chatId=${work.id}`);
    expect(one.results.map((r) => r.chat.id)).toEqual([work.id]);
    await expectError(await alice.request("GET", `/api/search?q=x&chatId=${secret.id}`), 404, "not_found");
    await expectError(await alice.request("GET", `/api/search?q=`), 400, "invalid_request");
  });

  it("pages through every match across chats with a cursor, each result once, in one order", async () => {
    const alice = await Client.register();
    const bob = await Client.register();
    const chats = [await alice.createChat("One"), await alice.createChat("Two"), await alice.createChat("Three")];
    await alice.addMember(chats[1]!.id, bob);
    const bodies: string[] = [];
    for (let i = 0; i < 14; i++) {
      const chat = chats[i % 3]!;
      const who = i % 4 === 1 && chat.id === chats[1]!.id ? bob : alice;
      const body = `тестовое сообщение ${i}`;
      bodies.push(body);
      await who.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body }, 201);
      if (i % 5 === 0) await alice.json("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "no match" }, 201);
    }
    const q = encodeURIComponent("ТЕСТ");
    const whole = await alice.json<Page>("GET", `/api/search?q=${q}`);
    expect(whole.nextCursor).toBeNull();
    expect(whole.results.map((r) => r.message.body)).toEqual([...bodies].reverse());

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await alice.json<Page>("GET", `/api/search?q=${q}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.results.length).toBeLessThanOrEqual(4);
      seen.push(...page.results.map((r) => r.message.body));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual([...bodies].reverse());

    // One chat only, with the same cursor rules.
    const inTwo = await alice.json<Page>("GET", `/api/search?q=${q}&chatId=${chats[1]!.id}&limit=2`);
    expect(inTwo.results.map((r) => r.chat.id)).toEqual([chats[1]!.id, chats[1]!.id]);
    const rest = await alice.json<Page>("GET", `/api/search?q=${q}&chatId=${chats[1]!.id}&cursor=${encodeURIComponent(inTwo.nextCursor!)}`);
    expect([...inTwo.results, ...rest.results].map((r) => r.message.body)).toEqual(bodies.filter((_, i) => i % 3 === 1).reverse());
    expect(rest.nextCursor).toBeNull();
  });

  it("refuses a cursor or limit it did not make with invalid_request", async () => {
    const alice = await Client.register();
    for (const bad of ["cursor=abc", "cursor=1.2", "cursor=1.2.UPPER", "cursor=99999999999999999.1.abc", "limit=0", "limit=51", "limit=x"]) {
      await expectError(await alice.request("GET", `/api/search?q=a&${bad}`), 400, "invalid_request");
    }
  });
});
