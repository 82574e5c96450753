// The Range rules of docs/api.md "Media", written out here, against lib/range.ts.
import { describe, expect, it } from "vitest";
import { parseRange } from "../../../worker/lib/range.ts";

describe("a media request's Range", () => {
  it("serves bytes a-b, a- and the last n bytes", () => {
    expect(parseRange("bytes=0-9", 100)).toEqual({ offset: 0, length: 10 });
    expect(parseRange("bytes=90-", 100)).toEqual({ offset: 90, length: 10 });
    expect(parseRange("bytes=-10", 100)).toEqual({ offset: 90, length: 10 });
    expect(parseRange("bytes=99-99", 100)).toEqual({ offset: 99, length: 1 });
  });

  it("cuts an end past the last byte, and a suffix longer than the object, to the object", () => {
    expect(parseRange("bytes=50-1000", 100)).toEqual({ offset: 50, length: 50 });
    expect(parseRange("bytes=-500", 100)).toEqual({ offset: 0, length: 100 });
  });

  it("refuses a start at or past the end, and bytes=-0, as unsatisfiable (416)", () => {
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=100-200", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=99999999999999999999-", 100)).toBe("unsatisfiable");
  });

  it("ignores what does not parse, several ranges, another unit and b < a (200, the whole object)", () => {
    for (const header of [null, "", "bytes=", "bytes=-", "bytes=0-1,3-4", "items=0-9", "bytes=5-2", "bytes=a-b", "bytes 0-9"]) {
      expect(parseRange(header, 100), String(header)).toBeNull();
    }
  });

  it("allows spaces around the header", () => {
    expect(parseRange("  bytes=0-0 ", 100)).toEqual({ offset: 0, length: 1 });
  });
});
