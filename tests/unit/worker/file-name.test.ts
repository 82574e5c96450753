// The name a served upload is saved under (Content-Disposition): only harmless characters, at
// most 100 of them, the extension kept, never half a character, never a trailing dot.
import { describe, expect, it } from "vitest";
import { safeFileName } from "../../../worker/lib/file-name.ts";

describe("the file name of a download", () => {
  it("keeps letters of any script, digits, spaces, dots, dashes and underscores", () => {
    expect(safeFileName("Отчёт за май 2026_v2-final.pdf")).toBe("Отчёт за май 2026_v2-final.pdf");
    expect(safeFileName("報告書.pdf")).toBe("報告書.pdf");
  });

  it("replaces everything else, quotes, slashes and control characters included", () => {
    expect(safeFileName('a"b\\c/d;e\r\nf.txt')).toBe("a_b_c_d_e__f.txt");
    expect(safeFileName("../../etc/passwd")).toBe(".._.._etc_passwd");
  });

  it("drops the trailing dots and spaces that Windows would drop when saving", () => {
    expect(safeFileName("page.html.")).toBe("page.html");
    expect(safeFileName("notes.txt . .")).toBe("notes.txt");
  });

  it("falls back to 'file' for a missing or empty name", () => {
    expect(safeFileName(null)).toBe("file");
    expect(safeFileName("")).toBe("file");
    expect(safeFileName("...")).toBe("file");
  });

  it("cuts a long name to 100 characters, keeping its extension and whole characters", () => {
    const long = `${"a".repeat(150)}.pdf`;
    expect(safeFileName(long)).toBe(`${"a".repeat(96)}.pdf`);
    const astral = `${"𠀀".repeat(120)}`;
    const cut = safeFileName(astral);
    expect(Array.from(cut)).toHaveLength(100);
    expect(cut).toBe("𠀀".repeat(100));
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });
});
