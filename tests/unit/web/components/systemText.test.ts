// System lines in the reader's language, and the one-line preview under each chat in the list.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { previewText, systemText } from "../../../../web/components/systemText.ts";
import { lang, loadLang } from "../../../../web/i18n/index.ts";
import { message, user } from "../fixtures.ts";

const ann = user("ann", "Ann");
const ben = user("ben", "Ben");

// Russian is a chunk of its own in the app (loaded before it is shown); load it here too.
beforeAll(() => loadLang("ru"));

afterEach(() => {
  lang.value = "en";
});

describe("system lines", () => {
  const removed = message(5, {
    kind: "system",
    sender: null,
    body: "ann removed ben",
    system: { event: "removed", actor: ann, target: ben, name: null },
  });

  it("are written from the structured event in the reader's language", () => {
    expect(systemText(removed)).toBe("Ann removed Ben");
    lang.value = "ru";
    expect(systemText(removed)).toBe("Ann удаляет из чата: Ben");
  });

  it("quote the new name of a renamed chat", () => {
    const renamed = message(6, { kind: "system", sender: null, body: "", system: { event: "renamed", actor: ann, target: null, name: "Trip" } });
    expect(systemText(renamed)).toBe("Ann renamed the chat to “Trip”");
  });

  it("fall back to the server's own text when there is no structured event", () => {
    expect(systemText(message(7, { kind: "system", sender: null, body: "Something happened" }))).toBe("Something happened");
  });
});

describe("the chat list's preview line", () => {
  it("starts my own messages with You", () => {
    expect(previewText(message(1, { sender: ann, body: "on my way" }), "ann", true)).toBe("You: on my way");
  });

  it("names the sender in a group, not in a direct chat", () => {
    expect(previewText(message(1, { sender: ben, body: "hi" }), "ann", true)).toBe("Ben: hi");
    expect(previewText(message(1, { sender: ben, body: "hi" }), "ann", false)).toBe("hi");
  });

  it("keeps a multi-line message on one line", () => {
    expect(previewText(message(1, { sender: ben, body: "  first\n\nsecond\tthird " }), "ann", false)).toBe("first second third");
  });

  it("says a message was deleted, and names an attachment sent without text", () => {
    expect(previewText(message(1, { sender: ben, body: "", deleted: true }), "ann", false)).toBe("Message deleted");
    expect(previewText(message(1, { sender: ben, body: "  " }), "ann", false)).toBe("Attachment");
  });

  it("shows a system message as its line", () => {
    const joined = message(2, { kind: "system", sender: null, body: "", system: { event: "joined", actor: ben, target: null, name: null } });
    expect(previewText(joined, "ann", true)).toBe("Ben joined the chat");
  });
});
