import { formatProgramme, parseProgramme, programmeMinutes } from "../../app/rules/programme";

describe("meeting programme", () => {
  it("reads one timed block per line in the ways trainers write it", () => {
    const parsed = parseProgramme('15 min welkom\n30 min oefening "over de lijn"\n\n60 minuten thema herstel\n15m pauze');
    expect(parsed).toEqual({
      ok: true,
      blocks: [
        { minutes: 15, title: "welkom" },
        { minutes: 30, title: 'oefening "over de lijn"' },
        { minutes: 60, title: "thema herstel" },
        { minutes: 15, title: "pauze" },
      ],
    });
    if (parsed.ok) expect(programmeMinutes(parsed.blocks)).toBe(120);
  });

  it("names the first line it cannot read", () => {
    expect(parseProgramme("15 min welkom\nthema zonder tijd")).toEqual({ ok: false, line: 2 });
    expect(parseProgramme("0 min niets")).toEqual({ ok: false, line: 1 });
  });

  it("prints blocks back so that they parse the same", () => {
    const blocks = [{ minutes: 45, title: "casus in groepjes" }];
    expect(parseProgramme(formatProgramme(blocks))).toEqual({ ok: true, blocks });
    expect(parseProgramme("")).toEqual({ ok: true, blocks: [] });
  });
});
