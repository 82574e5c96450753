// What becomes a desktop notification, and what the composer suggests after "@" (pure rules).
import { describe, expect, it } from "vitest";
import { mentionedUsernames, mentionQueryAt } from "#protocol";
import { insertMention, suggestMentions } from "../../../web/components/mentionSuggest.ts";
import { noticeFor } from "../../../web/state/notifications.ts";
import { chat, member, message, user } from "./fixtures.ts";

const ben = user("ben");
const away = { open: false, looking: false };

describe("noticeFor", () => {
  const m = message(3, { body: "hello" });
  const after = chat("c1", { name: "Team", lastSeq: 3, lastMessage: m, unread: 1 });

  it("notifies for a new message from someone else in a chat not on screen, tagged chat:seq", () => {
    expect(noticeFor(chat("c1", { lastSeq: 2 }), after, ben, away)).toEqual({ title: "ANN · Team", body: "hello", tag: "c1:3", chatId: "c1" });
  });

  it("stays quiet for one's own message, a chat being looked at, an old or read message, and a muted chat", () => {
    expect(noticeFor(chat("c1", { lastSeq: 2 }), { ...after, lastMessage: { ...m, sender: ben } }, ben, away)).toBeNull();
    expect(noticeFor(chat("c1", { lastSeq: 2 }), after, ben, { open: true, looking: true })).toBeNull();
    expect(noticeFor(chat("c1", { lastSeq: 3 }), after, ben, away)).toBeNull();
    expect(noticeFor(chat("c1", { lastSeq: 2 }), { ...after, lastReadSeq: 3 }, ben, away)).toBeNull();
    expect(noticeFor(chat("c1", { lastSeq: 2 }), { ...after, muted: true }, ben, away)).toBeNull();
  });

  it("lets a mention through a mute, and the open chat of a hidden tab notify although its socket counted the message", () => {
    const mention = { ...m, mentions: [{ id: "ben", username: "ben" }] };
    expect(noticeFor(chat("c1", { lastSeq: 2 }), { ...after, muted: true, lastMessage: mention }, ben, away)?.tag).toBe("c1:3");
    expect(noticeFor(chat("c1", { lastSeq: 3 }), after, ben, { open: true, looking: false })?.tag).toBe("c1:3");
  });
});

describe("mentions in text", () => {
  it("finds @usernames that start a word, in any case, once each", () => {
    expect(mentionedUsernames("hi @Ben and @ben, mail a@ann.example, @ab is too short, @carol_1!")).toEqual(["ben", "carol_1"]);
  });

  it("knows the @word being typed at the caret", () => {
    expect(mentionQueryAt("hi @be", 6)).toEqual({ start: 3, query: "be" });
    expect(mentionQueryAt("hi @", 4)).toEqual({ start: 3, query: "" });
    expect(mentionQueryAt("mail a@b", 8)).toBeNull();
    expect(mentionQueryAt("@ben done", 9)).toBeNull();
  });

  it("suggests other members by username, then by display name, and inserts the choice", () => {
    const members = [member(user("ann", "Ann")), member(ben), member(user("zed", "Bella Zed"))];
    expect(suggestMentions("hey @b", 6, members, "ann")?.users.map((u) => u.id)).toEqual(["ben", "zed"]);
    expect(suggestMentions("hey @a", 6, members, "ann")).toBeNull();
    expect(insertMention("hey @b there", 4, 6, "ben")).toEqual({ text: "hey @ben there", caret: 9 });
  });
});
