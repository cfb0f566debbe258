import fs from "node:fs";
import path from "node:path";
import { parseLeerlijnTemplate } from "../../app/rules/leerlijn-template";
import { dagdeelProgramme, findLessonPlan, lessonPlanChoices, lessonPlanFormValues, programmeFit } from "../../app/rules/lesson-plans";
import { parseProgramme } from "../../app/rules/programme";
import { meetingSchema } from "../../app/forms/meetings";

const file = path.resolve(__dirname, "../../templates/leerlijn-buurtteams.v1.json");
const raw = () => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> & { lessonPlans: { dagdelen: { minutes: number }[] }[] };

describe("the programme's minutes against the meeting's length", () => {
  const blocks = [
    { minutes: 60, title: "uitleg" },
    { minutes: 90, title: "oefening" },
  ];
  it("fits when the blocks take the time or a little less", () => {
    expect(programmeFit(blocks, "13:30", "16:00")).toEqual({ status: "fits", planned: 150, available: 150 });
    expect(programmeFit(blocks, "13:30", "16:30")).toEqual({ status: "fits", planned: 150, available: 180 });
  });
  it("says by how many minutes a programme is too long", () => {
    expect(programmeFit(blocks, "13:30", "15:30")).toEqual({ status: "tooLong", planned: 150, available: 120, over: 30 });
    expect(programmeFit(blocks, "13:30", "15:59")).toMatchObject({ status: "tooLong", over: 1 });
  });
  it("notes a much shorter programme, from more than 30 minutes left", () => {
    expect(programmeFit(blocks, "13:30", "16:31")).toEqual({ status: "shorter", planned: 150, available: 181, left: 31 });
    expect(programmeFit(blocks, "13:00", "16:30", 60)).toMatchObject({ status: "fits" });
  });
  it("says nothing without blocks or without a valid time span", () => {
    expect(programmeFit([], "13:30", "15:30")).toEqual({ status: "unknown" });
    expect(programmeFit(blocks, "16:30", "13:30")).toEqual({ status: "unknown" });
    expect(programmeFit(blocks, "", "13:30")).toEqual({ status: "unknown" });
  });
});

describe("the template's lesson plans", () => {
  const t = parseLeerlijnTemplate(raw());

  it("are valid, with a plan for each kind of meeting", () => {
    expect(t.lessonPlans.length).toBeGreaterThanOrEqual(3);
    expect(new Set(t.lessonPlans.map((p) => p.meetingType))).toEqual(new Set(["les", "training", "intervisie"]));
    for (const p of t.lessonPlans) {
      expect(p.assignment).not.toBe("");
      expect(p.exercises.length).toBeGreaterThan(0);
      for (const d of p.dagdelen) for (const b of d.blocks) expect(b.workForm).not.toBe("");
    }
  });

  it("each dagdeel's blocks fit its length", () => {
    for (const p of t.lessonPlans) for (const d of p.dagdelen) expect(d.blocks.reduce((s, b) => s + b.minutes, 0)).toBeLessThanOrEqual(d.minutes);
  });

  it("refuses a dagdeel whose blocks do not fit, and duplicate codes", () => {
    const long = raw();
    long.lessonPlans[0].dagdelen[0].minutes = 60;
    expect(() => parseLeerlijnTemplate(long)).toThrow(/lessonPlans\.0\.dagdelen\.0: blocks take 180 minutes, the dagdeel has 60/);
    const dup = raw();
    dup.lessonPlans.push(dup.lessonPlans[0]);
    expect(() => parseLeerlijnTemplate(dup)).toThrow(/duplicate lesson plan code: ervaringskennis/);
  });

  it("an older template without lesson plans still loads, with none", () => {
    const old = raw();
    delete (old as Record<string, unknown>).lessonPlans;
    expect(parseLeerlijnTemplate(old).lessonPlans).toEqual([]);
  });

  it("a plan's dagdeel fills a new meeting the meeting form accepts, and its programme fits", () => {
    const found = findLessonPlan(t.lessonPlans, "grenzen-stellen", "2");
    expect(found?.dagdeel).toBe(1);
    const values = lessonPlanFormValues(found!.plan, found!.dagdeel, "09:30");
    expect(values).toMatchObject({ type: "training", title: "Grenzen stellen: Dagdeel 2: grenzen aangeven", startTime: "09:30", endTime: "12:30" });
    const parsed = parseProgramme(values.programme);
    expect(parsed.ok && parsed.blocks).toEqual(dagdeelProgramme(found!.plan, 1));
    expect(parsed.ok && parsed.blocks[2]).toEqual({ minutes: 50, title: "Een grens aangeven bij een collega (rollenspel in drietallen)" });
    expect(parsed.ok && parsed.blocks[3]).toEqual({ minutes: 15, title: "Pauze" });
    expect(programmeFit(dagdeelProgramme(found!.plan, 1), values.startTime, values.endTime).status).toBe("fits");
    const form = meetingSchema.safeParse({ ...values, date: "2027-01-12", trainerIds: ["1"], trainingId: "1", intervisieGroupId: "" });
    expect(form.success).toBe(true);
  });

  it("offers each dagdeel as a choice and ignores unknown links", () => {
    const choices = lessonPlanChoices(t.lessonPlans);
    expect(choices.filter((c) => c.code === "grenzen-stellen").map((c) => c.dagdeel)).toEqual([0, 1]);
    expect(findLessonPlan(t.lessonPlans, "bestaat-niet", null)).toBeUndefined();
    expect(findLessonPlan(t.lessonPlans, "grenzen-stellen", "3")).toBeUndefined();
    expect(findLessonPlan(t.lessonPlans, "ervaringskennis", null)?.dagdeel).toBe(0);
  });
});
