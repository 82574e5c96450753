// Which screen an address opens: a shared or reloaded link must land where it pointed.
import { describe, expect, it } from "vitest";
import { chatPath, parseRoute } from "../../../../web/state/routes.ts";

describe("addresses", () => {
  it("opens the list at the root", () => {
    expect(parseRoute("/")).toEqual({ name: "home" });
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("/index.html")).toEqual({ name: "home" });
  });

  it("opens a chat at /chats/:id, with or without a trailing slash", () => {
    expect(parseRoute("/chats/c_42")).toEqual({ name: "chat", chatId: "c_42" });
    expect(parseRoute("/chats/c_42/")).toEqual({ name: "chat", chatId: "c_42" });
  });

  it("opens an invite link's preview at /join/:token", () => {
    expect(parseRoute("/join/Xy-9_z")).toEqual({ name: "join", token: "Xy-9_z" });
  });

  it("decodes percent-escapes in the id", () => {
    expect(parseRoute("/chats/a%20b%2Fc")).toEqual({ name: "chat", chatId: "a b/c" });
  });

  it("opens the settings screen at /settings, with or without a trailing slash", () => {
    expect(parseRoute("/settings")).toEqual({ name: "settings" });
    expect(parseRoute("/settings/")).toEqual({ name: "settings" });
  });

  it("shows not-found for unknown pages, missing ids, extra segments and broken escapes", () => {
    for (const p of ["/settings/x", "/setting", "/chats", "/chats/", "/chats/a/b", "/join/", "/chats/%E0%A4%A", "//chats/a"]) {
      expect(parseRoute(p), p).toEqual({ name: "not_found" });
    }
  });

  it("builds a chat's address that reads back as the same chat, whatever the id holds", () => {
    expect(chatPath("c_42")).toBe("/chats/c_42");
    expect(chatPath("a b/c?d#e")).toBe("/chats/a%20b%2Fc%3Fd%23e");
    expect(parseRoute(chatPath("a b/c?d#e"))).toEqual({ name: "chat", chatId: "a b/c?d#e" });
  });
});
