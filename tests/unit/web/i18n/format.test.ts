// Dates as the chat list and the history show them. Instants are built from local dates, so
// the expectations hold in any time zone the tests run in.
import { afterEach, describe, expect, it } from "vitest";
import { dayKey, daysBetween, formatDay, formatListTime } from "../../../../web/i18n/format.ts";
import { lang } from "../../../../web/i18n/index.ts";

const local = (y: number, month: number, d: number, h = 12, min = 0) => new Date(y, month - 1, d, h, min);
const iso = (...a: Parameters<typeof local>) => local(...a).toISOString();

// Friday 20 November 2026, in the evening.
const now = local(2026, 11, 20, 18, 30);

afterEach(() => {
  lang.value = "en";
});

describe("calendar days", () => {
  it("counts calendar days, not 24-hour spans", () => {
    expect(daysBetween(local(2026, 11, 19, 23, 59), local(2026, 11, 20, 0, 1))).toBe(1);
    expect(daysBetween(local(2026, 11, 20, 0, 1), local(2026, 11, 20, 23, 59))).toBe(0);
    expect(daysBetween(local(2026, 11, 13), now)).toBe(7);
  });

  it("puts two messages of one local day under one separator, and midnight starts another", () => {
    expect(dayKey(iso(2026, 11, 20, 0, 0))).toBe(dayKey(iso(2026, 11, 20, 23, 59)));
    expect(dayKey(iso(2026, 11, 20, 23, 59))).not.toBe(dayKey(iso(2026, 11, 21, 0, 0)));
  });
});

describe("the chat list's time", () => {
  it("shows the time for today, the weekday within a week, the date this year, the year before that", () => {
    expect(formatListTime(iso(2026, 11, 20, 9, 5), now)).toBe("9:05 AM");
    expect(formatListTime(iso(2026, 11, 17, 9, 5), now)).toBe("Tue");
    expect(formatListTime(iso(2026, 10, 21), now)).toBe("Oct 21");
    expect(formatListTime(iso(2025, 11, 3), now)).toBe("Nov 3, 2025");
  });

  it("speaks Russian with a 24-hour clock", () => {
    lang.value = "ru";
    expect(formatListTime(iso(2026, 11, 20, 21, 5), now)).toBe("21:05");
    expect(formatListTime(iso(2026, 11, 17), now)).toBe("вт");
    expect(formatListTime(iso(2026, 10, 21), now)).toBe("21 окт.");
  });
});

describe("the history's day separators", () => {
  it("says Today and Yesterday, then the date, with the year only for another year", () => {
    expect(formatDay(iso(2026, 11, 20, 8), now)).toBe("Today");
    expect(formatDay(iso(2026, 11, 19, 23), now)).toBe("Yesterday");
    expect(formatDay(iso(2026, 10, 21), now)).toBe("October 21");
    expect(formatDay(iso(2025, 11, 3), now)).toBe("November 3, 2025");
  });

  it("capitalizes the Russian words, which Intl writes in lower case", () => {
    lang.value = "ru";
    expect(formatDay(iso(2026, 11, 20, 8), now)).toBe("Сегодня");
    expect(formatDay(iso(2026, 11, 19, 8), now)).toBe("Вчера");
    expect(formatDay(iso(2026, 10, 21), now)).toBe("21 октября");
  });
});
