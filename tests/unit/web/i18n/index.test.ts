// What the UI says in each language: plural forms picked by the language's own rules
// (Russian has three), parameters filled in, and English when a translation is missing.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { lang, loadLang, setLang, t, translator, withStrings, type Entry } from "../../../../web/i18n/index.ts";

// Russian is a chunk of its own in the app (loaded before it is shown); load it here too.
beforeAll(() => loadLang("ru"));

afterEach(() => {
  lang.value = "en";
});

describe("plurals", () => {
  it("says 1 member but 2 members in English", () => {
    lang.value = "en";
    expect(t("chat.members", { n: 1 })).toBe("1 member");
    expect(t("chat.members", { n: 2 })).toBe("2 members");
    expect(t("chat.members", { n: 0 })).toBe("0 members");
  });

  it("picks the Russian form for 1, 21 (one), 2-4, 22 (few) and 5, 11, 12 (many)", () => {
    lang.value = "ru";
    expect(t("chat.members", { n: 1 })).toBe("1 участник");
    expect(t("chat.members", { n: 21 })).toBe("21 участник");
    expect(t("chat.members", { n: 3 })).toBe("3 участника");
    expect(t("chat.members", { n: 22 })).toBe("22 участника");
    expect(t("chat.members", { n: 5 })).toBe("5 участников");
    expect(t("chat.members", { n: 11 })).toBe("11 участников");
    expect(t("chat.members", { n: 12 })).toBe("12 участников");
  });

  it("follows a language switch at once", () => {
    lang.value = "en";
    expect(t("chat.typingMany", { n: 2 })).toBe("2 people are typing…");
    lang.value = "ru";
    expect(t("chat.typingMany", { n: 2 })).toBe("2 человека печатают…");
  });
});

describe("parameters and fallbacks", () => {
  const dicts = {
    en: { greet: "Hello, {name}", only: "English only" },
    ru: { greet: "Привет, {name}" },
  } as unknown as Record<"en" | "ru", Record<"greet" | "only", Entry>>;
  const tr = translator(dicts);

  it("fills in every named parameter", () => {
    lang.value = "ru";
    expect(tr("greet", { name: "Аня" })).toBe("Привет, Аня");
  });

  it("leaves a placeholder without a value visible rather than printing nothing", () => {
    expect(tr("greet")).toBe("Hello, {name}");
    expect(tr("greet", { other: "x" })).toBe("Hello, {name}");
  });

  it("shows the English text when a language lacks the key", () => {
    lang.value = "ru";
    expect(tr("only")).toBe("English only");
  });
});

describe("dictionaries of lazily loaded screens", () => {
  const screen = withStrings({ en: { "screen.only": "Only here" }, ru: { "screen.only": "Только здесь" } });

  it("says a screen's own keys and the app's keys in the current language", () => {
    lang.value = "ru";
    expect(screen("screen.only")).toBe("Только здесь");
    expect(screen("chat.members", { n: 2 })).toBe("2 участника");
    lang.value = "en";
    expect(screen("screen.only")).toBe("Only here");
    expect(screen("chat.members", { n: 2 })).toBe("2 members");
  });
});

describe("switching the language", () => {
  it("switches once the dictionary is loaded, and the whole UI follows", async () => {
    lang.value = "en";
    await setLang("ru");
    expect(lang.value).toBe("ru");
    expect(t("chat.typingMany", { n: 2 })).toBe("2 человека печатают…");
  });
});
