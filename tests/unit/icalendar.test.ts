import { amsterdamToUtc, buildCalendar, escapeText, foldLine, utcStamp, type CalendarEvent } from "../../app/rules/icalendar";

/* The hand-written iCalendar text (RFC 5545): escaping, folding at 75 octets, CRLF, and the times. */

describe("escapeText", () => {
  it("escapes backslash, semicolon and comma, and writes newlines as \\n", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("escapes the backslash first, so an escaped comma is not escaped twice", () => {
    expect(escapeText("\\,")).toBe("\\\\\\,");
  });
});

describe("foldLine", () => {
  const octets = (s: string) => Buffer.byteLength(s, "utf8");

  it("leaves a line of 75 octets alone and folds one of 76", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("keeps every physical line within 75 octets, continuation lines starting with one space", () => {
    const folded = foldLine(`SUMMARY:${"Lange titel ".repeat(30)}`);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    for (const line of lines.slice(1)) expect(line.startsWith(" ")).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(`SUMMARY:${"Lange titel ".repeat(30)}`);
  });

  it("counts octets, not characters, and never splits a UTF-8 character", () => {
    const text = `LOCATION:${"é".repeat(80)}😀${"ë".repeat(40)}`;
    const lines = foldLine(text).split("\r\n");
    for (const line of lines) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    // 'é' is two octets: the first line holds the 9 octets of "LOCATION:" and 33 of them.
    expect(lines[0]).toBe(`LOCATION:${"é".repeat(33)}`);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(text);
  });
});

describe("amsterdamToUtc", () => {
  it.each([
    ["2026-10-24", "10:00", "2026-10-24T08:00:00.000Z"],
    ["2026-10-25", "10:00", "2026-10-25T09:00:00.000Z"],
    ["2027-03-27", "10:00", "2027-03-27T09:00:00.000Z"],
    ["2027-03-28", "10:00", "2027-03-28T08:00:00.000Z"],
    ["2026-12-31", "23:30", "2026-12-31T22:30:00.000Z"],
    ["2026-07-01", "00:15", "2026-06-30T22:15:00.000Z"],
  ])("%s %s in Amsterdam is %s", (date, time, utc) => {
    expect(amsterdamToUtc(date, time).toISOString()).toBe(utc);
  });

  it("takes the first of a time that happens twice (October) and moves a skipped time (March) an hour on", () => {
    expect(amsterdamToUtc("2026-10-25", "02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(amsterdamToUtc("2027-03-28", "02:30").toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });

  it("writes UTC stamps in the basic format", () => {
    expect(utcStamp(new Date("2026-10-24T08:00:00.000Z"))).toBe("20261024T080000Z");
  });
});

describe("buildCalendar", () => {
  const event: CalendarEvent = {
    uid: "leerlijn-session-1@leerlijn",
    sequence: 3,
    date: "2026-10-26",
    startTime: "19:00",
    end: { time: "21:30" },
    summary: "Les 1, deel 2; oefenen",
    location: null,
    description: "Regel een\nRegel twee",
    url: "https://leerlijn.example/deelnemer/rooster#bijeenkomst-1",
    cancelled: true,
    updatedAt: "2026-11-01T10:00:00.000Z",
  };

  it("writes one VEVENT with CRLF line ends, UTC times, SEQUENCE and STATUS", () => {
    const text = buildCalendar("Leerlijn", [event]);
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "UID:leerlijn-session-1@leerlijn",
        "SEQUENCE:3",
        "DTSTART:20261026T180000Z",
        "DTEND:20261026T203000Z",
        "SUMMARY:Les 1\\, deel 2\\; oefenen",
        "DESCRIPTION:Regel een\\nRegel twee",
        "STATUS:CANCELLED",
        "DTSTAMP:20261101T100000Z",
      ]),
    );
    expect(lines.some((l) => l.startsWith("LOCATION"))).toBe(false);
  });

  it("ends an event of a given length that many minutes after its start, and never before it", () => {
    const text = buildCalendar("Leerlijn", [{ ...event, cancelled: false, end: { minutes: 90 } }]);
    expect(text).toContain("DTEND:20261026T193000Z");
    expect(text).toContain("STATUS:CONFIRMED");
    const backwards = buildCalendar("Leerlijn", [{ ...event, end: { time: "18:00" } }]);
    expect(backwards).toContain("DTEND:20261026T190000Z");
  });

  it("drops control characters from text", () => {
    expect(buildCalendar("Leerlijn", [{ ...event, summary: "a\u0007b\u0000c" }])).toContain("SUMMARY:abc\r\n");
  });
});
