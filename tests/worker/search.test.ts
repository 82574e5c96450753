// GET /api/search: text search over the caller's chats, any script, newest first.
import { describe, expect, it } from "vitest";
import type { Message } from "#protocol";
import { Client, expectError } from "./client.ts";

type Result = { chat: { id: string; name: string }; message: Message };

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
});
