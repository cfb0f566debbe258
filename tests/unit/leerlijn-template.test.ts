import fs from "node:fs";
import path from "node:path";
import { parseLeerlijnTemplate } from "../../app/rules/leerlijn-template";

const file = path.resolve(__dirname, "../../templates/leerlijn-buurtteams.v1.json");
const raw = () => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> & { rules: Record<string, unknown>; trainings: { code: string }[] };

describe("the Leerlijn Buurtteams template", () => {
  it("is valid and carries the course's numbers as data", () => {
    const t = parseLeerlijnTemplate(raw());
    expect(t.rules.learningHoursTarget).toBe(60);
    expect(t.rules.practiceHoursTarget).toBe(60);
    expect(t.rules.minAttendanceRate).toBe(0.8);
    expect(t.rules.minIntervisieMeetings).toBe(5);
    expect(t.sessionTypes.map((s) => s.code)).toEqual(["les", "training", "intervisie"]);
  });

  it("offers at least the three trainings of the first run", () => {
    const titles = parseLeerlijnTemplate(raw()).trainings.map((x) => x.title);
    expect(titles).toEqual(expect.arrayContaining(["Grenzen stellen", "Verbindend (oordeelloos) communiceren", "Beter vragen stellen"]));
  });

  it("starts with six competencies of 2-3 criteria each", () => {
    const t = parseLeerlijnTemplate(raw());
    expect(t.competencies).toHaveLength(6);
    for (const c of t.competencies) {
      expect(c.criteria.length).toBeGreaterThanOrEqual(2);
      expect(c.criteria.length).toBeLessThanOrEqual(3);
    }
  });

  it("refuses duplicate codes and missing thresholds, naming the problem", () => {
    const dup = raw();
    dup.trainings.push({ ...dup.trainings[0] });
    expect(() => parseLeerlijnTemplate(dup)).toThrow(/duplicate training code: grenzen-stellen/);
    const missing = raw();
    delete missing.rules.minAttendanceRate;
    expect(() => parseLeerlijnTemplate(missing)).toThrow(/rules\.minAttendanceRate/);
    const rate = raw();
    rate.rules.minAttendanceRate = 80;
    expect(() => parseLeerlijnTemplate(rate)).toThrow(/rules\.minAttendanceRate/);
  });
});
