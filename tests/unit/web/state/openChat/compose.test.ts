// The composer's state for one chat: a draft that outlives the view and a reload, replies
// and edits that borrow the text box and give the draft back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Message } from "#protocol";
import { dispose } from "../../../../../web/state/lifetime.ts";
import { Compose, draftKey, forgetDrafts, type ComposeModel } from "../../../../../web/state/openChat/compose.ts";
import { memoryStorage } from "../../fakes.ts";
import { message, user } from "../../fixtures.ts";

let storage: ReturnType<typeof memoryStorage>;
let sent: [string, number | undefined][];
let edits: [number, string][];
let live: boolean;
let last: Message | null;
let compose: ComposeModel;

function make(key = draftKey("ann", "c1")): ComposeModel {
  return new Compose(key, storage, {
    send: (text, replyTo) => (text.trim() ? (sent.push([text, replyTo]), true) : false),
    edit: (seq, body) => (live ? (edits.push([seq, body]), true) : false),
    lastOwn: () => last,
  });
}

beforeEach(() => {
  storage = memoryStorage();
  sent = [];
  edits = [];
  live = true;
  last = message(7, { body: "my last words", sender: user("ann") });
  compose = make();
});

afterEach(() => {
  dispose(compose);
});

describe("the draft", () => {
  it("is kept per user and chat, and comes back when the chat opens again", () => {
    compose.type("half a thought");
    compose.replyTo(message(3, { body: "a question" }));
    dispose(compose);
    compose = make();
    expect(compose.text.value).toBe("half a thought");
    expect(compose.reply.value).toMatchObject({ seq: 3, excerpt: "a question" });
    const other = make(draftKey("ann", "c2"));
    expect(other.text.value).toBe("");
    dispose(other);
  });

  it("is gone once sent, with its reply", () => {
    compose.type("the answer");
    compose.replyTo(message(3));
    expect(compose.submit()).toBe(true);
    expect(sent).toEqual([["the answer", 3]]);
    expect(compose.text.value).toBe("");
    expect(compose.reply.value).toBeNull();
    expect(storage.data.has(draftKey("ann", "c1"))).toBe(false);
  });

  it("survives storage that is full or junk", () => {
    storage.data.set(draftKey("ann", "c9"), "{not json");
    const junk = make(draftKey("ann", "c9"));
    expect(junk.text.value).toBe("");
    storage.failWrites = true;
    junk.type("still typed");
    expect(junk.text.value).toBe("still typed");
    dispose(junk);
  });

  it("is forgotten for every user by forgetDrafts, and nothing else is", () => {
    compose.type("secret");
    storage.data.set("qm.outbox.ann.c1", "[]");
    storage.data.set("qm.lang", "ru");
    forgetDrafts(storage);
    expect([...storage.data.keys()].sort()).toEqual(["qm.lang", "qm.outbox.ann.c1"]);
  });
});

describe("editing", () => {
  it("borrows the box with the message's text and gives the draft back on Esc", () => {
    compose.type("draft in progress");
    compose.edit(message(5, { body: "old text" }));
    expect(compose.text.value).toBe("old text");
    expect(compose.editing.value?.seq).toBe(5);
    // The draft, not the edit, is what a reload would find.
    expect(JSON.parse(storage.data.get(draftKey("ann", "c1"))!).text).toBe("draft in progress");
    compose.cancel();
    expect(compose.text.value).toBe("draft in progress");
    expect(compose.editing.value).toBeNull();
  });

  it("saves a changed text and gives the draft back; an unchanged one sends nothing", () => {
    compose.edit(message(5, { body: "old text" }));
    compose.type("new text");
    expect(compose.submit()).toBe(true);
    expect(edits).toEqual([[5, "new text"]]);
    expect(compose.editing.value).toBeNull();
    compose.edit(message(6, { body: "same" }));
    expect(compose.submit()).toBe(true);
    expect(edits).toHaveLength(1);
  });

  it("keeps editing when the edit cannot go out, and refuses an empty text", () => {
    compose.edit(message(5, { body: "old" }));
    compose.type("   ");
    expect(compose.submit()).toBe(false);
    live = false;
    compose.type("new");
    expect(compose.submit()).toBe(false);
    expect(compose.editing.value?.seq).toBe(5);
  });

  it("edits the last own message on the Up arrow, only from an empty box", () => {
    compose.type("typing");
    expect(compose.editLast()).toBe(false);
    compose.type("");
    expect(compose.editLast()).toBe(true);
    expect(compose.text.value).toBe("my last words");
    last = null;
    compose.cancel();
    expect(compose.editLast()).toBe(false);
  });

  it("Esc drops a reply when not editing", () => {
    compose.replyTo(message(3));
    compose.cancel();
    expect(compose.reply.value).toBeNull();
  });
});
