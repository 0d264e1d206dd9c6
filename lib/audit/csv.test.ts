import { describe, expect, it } from "vitest";
import { csvLines } from "@/lib/audit/csv";

describe("csvLines", () => {
  it("quotes commas, quotes and line breaks (CR, LF or both) and ends records with CRLF", () => {
    expect(csvLines([["plain", 'say "hi"', "a,b", "one\ntwo", "one\r\ntwo", "cr\ronly"], ["second"]])).toBe(
      'plain,"say ""hi""","a,b","one\ntwo","one\r\ntwo","cr\ronly"\r\nsecond\r\n',
    );
  });

  it("prefixes cells a spreadsheet would run as a formula with a quote", () => {
    expect(csvLines([['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tindent", "safe=value", "a-b"]])).toBe(
      `"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),'\tindent,safe=value,a-b\r\n`,
    );
  });

  it("keeps the formula guard when the value also needs quoting", () => {
    expect(csvLines([["=1,2", "-\nx"]])).toBe(`"'=1,2","'-\nx"\r\n`);
  });

  it("writes empty cells for null and undefined, ISO times, whole bigints and JSON objects", () => {
    expect(
      csvLines([
        [null, undefined, new Date("2026-01-02T03:04:05.006Z"), BigInt("9007199254740993"), { a: 1 }, true, 0],
      ]),
    ).toBe(',,2026-01-02T03:04:05.006Z,9007199254740993,"{""a"":1}",true,0\r\n');
  });
});
