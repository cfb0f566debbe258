import { dutchDate, dutchNumber, toDutchCsv } from "../../app/rules/csv";

const BOM = "\uFEFF";

/** The CSV without its BOM, split into lines (the text ends with CRLF, so the last piece is empty). */
function linesOf(csv: string): string[] {
  expect(csv.startsWith(BOM)).toBe(true);
  const parts = csv.slice(BOM.length).split("\r\n");
  expect(parts.pop()).toBe("");
  return parts;
}

describe("toDutchCsv", () => {
  it("starts with a UTF-8 BOM, separates with ';' and ends every line with CRLF", () => {
    const csv = toDutchCsv(
      ["Naam", "Uren"],
      [
        ["Anna", "2,5"],
        ["Bram", "60"],
      ],
    );
    expect(csv).toBe(`${BOM}Naam;Uren\r\nAnna;2,5\r\nBram;60\r\n`);
    expect(csv.match(/\n/g)).toHaveLength(3);
    expect(csv.match(/\r\n/g)).toHaveLength(3);
  });

  it("writes only the header when there are no rows", () => {
    expect(toDutchCsv(["A", "B"], [])).toBe(`${BOM}A;B\r\n`);
  });

  it("renders booleans as ja/nee, null and undefined as empty, numbers Dutch", () => {
    const csv = toDutchCsv(["a", "b", "c", "d", "e", "f"], [[true, false, null, undefined, 2.5, 0]]);
    expect(linesOf(csv)[1]).toBe("ja;nee;;;2,5;0");
  });

  it("quotes fields holding ';', '\"', CR or LF, doubling the quotes", () => {
    const csv = toDutchCsv(["Notitie"], [["te laat; trein"], ['zei "sorry"'], ["regel 1\nregel 2"], ["regel 1\r\nregel 2"], ["los\r"], ["gewoon"]]);
    expect(csv).toBe(`${BOM}Notitie\r\n"te laat; trein"\r\n"zei ""sorry"""\r\n"regel 1\nregel 2"\r\n"regel 1\r\nregel 2"\r\n"los\r"\r\ngewoon\r\n`);
  });

  it("does not quote commas, which are decimal marks in Dutch, not separators", () => {
    expect(linesOf(toDutchCsv(["x"], [["1,5, of 2"]]))[1]).toBe("1,5, of 2");
  });

  it("escapes header cells the same way as data cells", () => {
    expect(linesOf(toDutchCsv(["Naam; voluit", "=SOM"], []))[0]).toBe(`"Naam; voluit";'=SOM`);
  });

  it("defuses cells that Excel would read as a formula", () => {
    const csv = toDutchCsv(["x"], [['=HYPERLINK("http://x")'], ["+31 6 1234"], ["-1+2"], ["@SUM(A1)"], ["\tTAB"], ["- opsomming"]]);
    expect(linesOf(csv).slice(1)).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+31 6 1234", "'-1+2", "'@SUM(A1)", "'\tTAB", "'- opsomming"]);
  });

  it("defuses a cell starting with CR and still quotes it", () => {
    expect(linesOf(toDutchCsv(["x"], [["\r=1+1"]]))[1]).toBe(`"'\r=1+1"`);
  });

  it("leaves plain negative numbers alone, as text or as a number", () => {
    expect(linesOf(toDutchCsv(["a", "b", "c"], [["-2,5", -2.5, "-7"]]))[1]).toBe("-2,5;-2,5;-7");
  });

  it("only defuses a formula character at the start of a cell", () => {
    expect(linesOf(toDutchCsv(["x"], [["a=b+c"], ["info@example.nl"]])).slice(1)).toEqual(["a=b+c", "info@example.nl"]);
  });

  it("keeps Unicode names intact", () => {
    const csv = toDutchCsv(["Deelnemer"], [["Sevda Yılmaz"], ["Aïcha Toure"], ["Jürgen Ørsted"]]);
    expect(linesOf(csv).slice(1)).toEqual(["Sevda Yılmaz", "Aïcha Toure", "Jürgen Ørsted"]);
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("Sevda Yılmaz");
  });
});

describe("dutchDate", () => {
  it("turns a plain ISO date around", () => {
    expect(dutchDate("2026-09-07")).toBe("07-09-2026");
    expect(dutchDate("2027-12-31")).toBe("31-12-2027");
  });

  it("uses the Amsterdam calendar date of a timestamp", () => {
    // 22:30 UTC on 6 September is 00:30 on 7 September in Amsterdam (summer time, UTC+2).
    expect(dutchDate("2026-09-06T22:30:00.000Z")).toBe("07-09-2026");
    expect(dutchDate("2026-09-06T21:30:00.000Z")).toBe("06-09-2026");
    // In winter Amsterdam is UTC+1: 23:30 UTC is already the next day, 22:30 UTC not yet.
    expect(dutchDate("2026-12-31T23:30:00Z")).toBe("01-01-2027");
    expect(dutchDate("2026-12-31T22:30:00Z")).toBe("31-12-2026");
    expect(dutchDate("2026-09-07T01:00:00+02:00")).toBe("07-09-2026");
  });

  it("reads a timestamp without a zone as UTC", () => {
    expect(dutchDate("2026-09-06T22:30:00")).toBe("07-09-2026");
    expect(dutchDate("2026-09-06 21:30:00")).toBe("06-09-2026");
  });

  it("rejects things that are not dates", () => {
    expect(() => dutchDate("")).toThrow(RangeError);
    expect(() => dutchDate("07-09-2026")).toThrow(RangeError);
    expect(() => dutchDate("2026-13-01")).toThrow(RangeError);
    expect(() => dutchDate("2026-02-30")).toThrow(RangeError);
    expect(() => dutchDate("2026-09-07Tnonsense")).toThrow(RangeError);
  });
});

describe("dutchNumber", () => {
  it("writes a decimal comma and drops needless decimals", () => {
    expect(dutchNumber(2.5)).toBe("2,5");
    expect(dutchNumber(60)).toBe("60");
    expect(dutchNumber(0.25)).toBe("0,25");
    expect(dutchNumber(0)).toBe("0");
    expect(dutchNumber(-2.5)).toBe("-2,5");
  });

  it("rounds to at most 2 decimals, half away from zero", () => {
    expect(dutchNumber(2.3333)).toBe("2,33");
    expect(dutchNumber(2 / 3)).toBe("0,67");
    expect(dutchNumber(1.005)).toBe("1,01");
    expect(dutchNumber(-1.005)).toBe("-1,01");
    expect(dutchNumber(0.1 + 0.2)).toBe("0,3");
    expect(dutchNumber(59.999)).toBe("60");
  });

  it("rounds tiny amounts to zero", () => {
    expect(dutchNumber(0.0000001)).toBe("0");
    expect(dutchNumber(0.004)).toBe("0");
    expect(dutchNumber(0.005)).toBe("0,01");
  });

  it("never writes a negative zero", () => {
    expect(dutchNumber(-0.001)).toBe("0");
    expect(dutchNumber(-0)).toBe("0");
  });

  it("uses no thousands separator", () => {
    expect(dutchNumber(1234567.891)).toBe("1234567,89");
  });

  it("refuses NaN and infinity", () => {
    expect(() => dutchNumber(Number.NaN)).toThrow(RangeError);
    expect(() => dutchNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
