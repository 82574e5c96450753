// What the tab shows of the unread total and the chosen theme: its title, the count on its
// icon, and the theme-color the browser paints its own bar with.
import { describe, expect, it } from "vitest";
import { themeColorMetas } from "../../../../web/appearance/themeColor.ts";
import { badgeText, tabTitle } from "../../../../web/appearance/unreadBadge.ts";

describe("the tab's title and badge", () => {
  it("puts the unread total before the name, and nothing at 0", () => {
    expect(tabTitle(3, "qmessenger")).toBe("(3) qmessenger");
    expect(tabTitle(0, "qmessenger")).toBe("qmessenger");
  });

  it("writes the count on the icon, capped at 99+", () => {
    expect(badgeText(7)).toBe("7");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
  });
});

describe("theme-color", () => {
  it("follows the system with a colour per scheme, and a chosen theme with one colour", () => {
    expect(themeColorMetas("system")).toEqual([
      { content: "#ffffff", media: "(prefers-color-scheme: light)" },
      { content: "#17212b", media: "(prefers-color-scheme: dark)" },
    ]);
    expect(themeColorMetas("light")).toEqual([{ content: "#ffffff" }]);
    expect(themeColorMetas("dark")).toEqual([{ content: "#17212b" }]);
  });
});
