// File sizes as the upload strip and file cards show them, in both languages.
import { afterEach, describe, expect, it } from "vitest";
import { lang } from "../../../../web/i18n/index.ts";
import { formatSize } from "../../../../web/i18n/size.ts";

afterEach(() => {
  lang.value = "en";
});

// Intl may put a narrow no-break space between number and unit; compare with plain spaces.
const shown = (n: number) => formatSize(n).replace(/[\u00a0\u202f]/g, " ");

describe("file sizes", () => {
  it("picks bytes, kB, MB or GB in steps of 1000, with one decimal under 10", () => {
    expect(shown(1)).toBe("1 byte");
    expect(shown(999)).toBe("999 bytes");
    expect(shown(1000)).toBe("1 kB");
    expect(shown(1536)).toBe("1.5 kB");
    expect(shown(123_456)).toBe("123 kB");
    expect(shown(1_500_000)).toBe("1.5 MB");
    expect(shown(52_428_800)).toBe("52 MB");
    expect(shown(2_000_000_000)).toBe("2 GB");
  });

  it("never shows 1000 of a unit: it moves up", () => {
    expect(shown(999_960)).toBe("1 MB");
  });

  it("speaks Russian with a decimal comma", () => {
    lang.value = "ru";
    expect(shown(1_500_000)).toBe("1,5 МБ");
    expect(shown(2048)).toBe("2 кБ");
    expect(shown(3)).toBe("3 байта");
  });
});
