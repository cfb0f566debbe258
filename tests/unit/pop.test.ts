import { canTransition, compareVersions, emptyLeerdoel, emptyPop, normalisePop, statusAfterEdit, submitProblems, type PopContent } from "../../app/rules/pop";

const rules = { popLeerdoelenMin: 2, popLeerdoelenMax: 5 };
const codes = ["contact", "methodisch"];
const goal = (over: Partial<ReturnType<typeof emptyLeerdoel>> = {}) => ({
  ...emptyLeerdoel(),
  doel: "Open vragen stellen",
  competentie: "contact",
  acties: "Oefenen",
  wieHelpt: "Trainer",
  wanneer: "Voor december",
  bewijs: "Verslag",
  ...over,
});
const ready = (): PopContent => ({
  wieBenIk: "",
  sterkeKanten: "Luisteren",
  ontwikkelpunten: "Grenzen",
  leerdoelen: [goal(), goal({ competentie: "methodisch" })],
});

describe("POP rules", () => {
  it("is ready to hand in with strengths, points to develop and 2-5 complete goals", () => {
    expect(submitProblems(ready(), rules, codes)).toEqual([]);
  });

  it("names each missing part, and ignores empty goal slots", () => {
    const c: PopContent = { ...emptyPop(), leerdoelen: [goal({ wieHelpt: "" }), emptyLeerdoel()] };
    expect(submitProblems(c, rules, codes)).toEqual([
      { key: "pop.missing.sterkeKanten" },
      { key: "pop.missing.ontwikkelpunten" },
      { key: "pop.missing.leerdoelCount", min: 2, max: 5 },
      { key: "pop.missing.leerdoelField", leerdoel: 1, field: "wieHelpt" },
    ]);
  });

  it("refuses more goals than the leerlijn allows and an unknown competency", () => {
    const six = { ...ready(), leerdoelen: Array.from({ length: 6 }, () => goal()) };
    expect(submitProblems(six, rules, codes)).toContainEqual({ key: "pop.missing.leerdoelCount", min: 2, max: 5 });
    const unknown = { ...ready(), leerdoelen: [goal(), goal({ competentie: "verzonnen" })] };
    expect(submitProblems(unknown, rules, codes)).toEqual([{ key: "pop.missing.competentie", leerdoel: 2 }]);
  });

  it("allows the owner to hand in and only the trainer to approve or return a handed-in plan", () => {
    expect(canTransition("concept", "submit", "owner")).toBe(true);
    expect(canTransition("terug", "submit", "owner")).toBe(true);
    expect(canTransition("ingediend", "submit", "owner")).toBe(false);
    expect(canTransition("ingediend", "approve", "owner")).toBe(false);
    expect(canTransition("ingediend", "approve", "trainer")).toBe(true);
    expect(canTransition("ingediend", "return", "trainer")).toBe(true);
    expect(canTransition("concept", "approve", "trainer")).toBe(false);
    expect(canTransition("goedgekeurd", "return", "trainer")).toBe(false);
  });

  it("makes an edited approved or handed-in plan a concept again, but keeps 'returned' until handed in", () => {
    expect(statusAfterEdit("goedgekeurd")).toBe("concept");
    expect(statusAfterEdit("ingediend")).toBe("concept");
    expect(statusAfterEdit("terug")).toBe("terug");
  });

  it("compares versions per section", () => {
    const a = ready();
    const b = { ...ready(), sterkeKanten: "Luisteren en samenvatten", leerdoelen: [goal()] };
    const diff = compareVersions(a, b);
    expect(diff.find((d) => d.code === "sterke-kanten")).toMatchObject({ change: "changed", before: "Luisteren", after: "Luisteren en samenvatten" });
    expect(diff.find((d) => d.code === "leerdoel-2")).toMatchObject({ change: "removed" });
    expect(diff.find((d) => d.code === "ontwikkelpunten")).toMatchObject({ change: "same" });
  });

  it("compares a goal per field, naming the competency, never by the form's internal field codes", () => {
    const titles: Record<string, string> = { contact: "Contact en communicatie", methodisch: "Methodisch handelen" };
    const a = ready();
    const b = {
      ...ready(),
      leerdoelen: [goal({ wieHelpt: "Trainer en werkbegeleider", competentie: "methodisch", bewijs: "" }), goal({ competentie: "methodisch" })],
    };
    const diff = compareVersions(a, b, (code) => titles[code] ?? code);
    const first = diff.find((d) => d.code === "leerdoel-1")!;
    expect(first.change).toBe("changed");
    expect(first.fields).toEqual([
      { field: "competentie", before: "Contact en communicatie", after: "Methodisch handelen", change: "changed" },
      { field: "wieHelpt", before: "Trainer", after: "Trainer en werkbegeleider", change: "changed" },
      { field: "bewijs", before: "Verslag", after: "", change: "removed" },
    ]);
    for (const text of diff.flatMap((d) => [d.before, d.after]))
      expect(text).not.toMatch(/\b(doel|competentie|acties|wieHelpt|wanneer|bewijs):|\bcontact\b|\bmethodisch\b/);
    expect(diff.find((d) => d.code === "leerdoel-2")).toMatchObject({ change: "same", fields: [] });
  });

  it("normalises whitespace and drops blank goals", () => {
    expect(normalisePop({ wieBenIk: "  ", sterkeKanten: " a ", ontwikkelpunten: "b", leerdoelen: [emptyLeerdoel()] })).toEqual({
      wieBenIk: "",
      sterkeKanten: "a",
      ontwikkelpunten: "b",
      leerdoelen: [],
    });
  });
});
