// Fuzzing every JSON route at the byte level: malformed JSON, invalid UTF-8, deep nesting,
// a BOM, the wrong content type (or none), and bodies of up to 1.1 MB. The parser is not the
// routes' concern, so every one must answer like the others: a documented 4xx, never a 5xx,
// and nothing changed by a body it refused.
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import type { Message } from "#protocol";
import { hugeBody, rawBody } from "../fuzz/arbitraries.ts";
import { checkResponse, label, params, sendRaw, show, snapshot, Tally, timeoutFor, Tracked, type Code } from "../fuzz/harness.ts";
import { Client } from "./client.ts";

const tally = new Tally();
afterAll(() => tally.report("fuzz-raw"));

describe("fuzz: raw bodies on every JSON route", () => {
  it(
    "answers malformed, mis-typed, mis-encoded and huge bodies with a documented 4xx and changes nothing",
    async () => {
      const owner = await Client.register();
      const member = await Client.register();
      const chat = await owner.createChat("Raw bodies");
      await owner.addMember(chat.id, member);
      const { message } = await owner.json<{ message: Message }>("POST", `/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), body: "hello" }, 201);
      const target = "raw bodies";
      tally.start(target);
      const state = await new Tracked(() => snapshot(owner, chat.id, { links: true })).init();
      const anyone: Code[] = ["invalid_request", "too_large"];
      // [method, path, success statuses, refusals besides the common ones, who sends it]
      const routes: [string, string, number[], Code[], "owner" | "fresh"][] = [
        ["POST", "/api/auth/register", [201], ["weak_password", "username_taken", "rate_limited"], "fresh"],
        ["POST", "/api/auth/login", [200], ["invalid_credentials", "rate_limited"], "fresh"],
        ["POST", "/api/me/password", [204], ["weak_password", "forbidden", "rate_limited"], "owner"],
        ["PATCH", "/api/me", [200], [], "owner"],
        ["POST", "/api/chats", [201], [], "owner"],
        ["PATCH", `/api/chats/${chat.id}`, [200], [], "owner"],
        ["PATCH", `/api/chats/${chat.id}/settings`, [200], [], "owner"],
        ["POST", `/api/chats/${chat.id}/invites`, [201], ["not_found", "already_member", "already_invited"], "owner"],
        ["POST", `/api/chats/${chat.id}/links`, [201], [], "owner"],
        ["PATCH", `/api/chats/${chat.id}/members/${member.user.id}`, [200], [], "owner"],
        ["POST", "/api/direct", [200, 201], ["not_found"], "owner"],
        ["POST", `/api/chats/${chat.id}/messages`, [200, 201], ["rate_limited"], "owner"],
        ["PATCH", `/api/chats/${chat.id}/messages/${message.seq}`, [200], [], "owner"],
        ["POST", `/api/chats/${chat.id}/read`, [204], [], "owner"],
      ];
      const body = fc.oneof(
        { weight: 6, arbitrary: rawBody },
        { weight: 1, arbitrary: hugeBody.map((bytes) => ({ bytes, contentType: "application/json" as string | null })) },
      );
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), body, async (i, { bytes, contentType }) => {
          const [method, path, ok, codes, who] = routes[i]!;
          const client = who === "owner" ? owner : new Client();
          const what = `${method} ${path} [${contentType}] ${typeof bytes === "string" ? show(bytes) : `bytes ${[...bytes.slice(0, 40)].join(",")}`}`;
          const res = await sendRaw(client, method, path, bytes, contentType);
          const out = await checkResponse(res, what, ok, [...anyone, ...codes]);
          tally.add(target, `${method} ${path.split("/").slice(2, 4).join("/")} ${label(out)}`.replace(chat.id, ":id"));
          if (out.code === null) await state.refresh();
          else await state.unchanged(what);
        }),
        params(40),
      );
      tally.stop(target);
    },
    timeoutFor(40, 200),
  );
});
