/**
 * The POP (persoonlijk ontwikkelingsplan), pure: its content, when it is complete enough to
 * hand in, which workflow step is allowed, and how two versions differ per section.
 */
export const LEERDOEL_FIELDS = ["doel", "competentie", "acties", "wieHelpt", "wanneer", "bewijs", "reflectie", "evaluatie"] as const;
export type LeerdoelField = (typeof LEERDOEL_FIELDS)[number];
export type Leerdoel = Record<LeerdoelField, string>;

export interface PopContent {
  wieBenIk: string;
  sterkeKanten: string;
  ontwikkelpunten: string;
  leerdoelen: Leerdoel[];
}

export type PopStatus = "concept" | "ingediend" | "goedgekeurd" | "terug";
export type PopAction = "submit" | "approve" | "return";

/** Fields a leerdoel needs before handing in; reflectie and evaluatie come later in the course. */
export const REQUIRED_LEERDOEL_FIELDS: LeerdoelField[] = ["doel", "competentie", "acties", "wieHelpt", "wanneer", "bewijs"];

export function emptyLeerdoel(): Leerdoel {
  return { doel: "", competentie: "", acties: "", wieHelpt: "", wanneer: "", bewijs: "", reflectie: "", evaluatie: "" };
}

export function emptyPop(): PopContent {
  return { wieBenIk: "", sterkeKanten: "", ontwikkelpunten: "", leerdoelen: [] };
}

/** A leerdoel with no text at all is an unused slot, not a goal. */
export function isBlankLeerdoel(l: Leerdoel): boolean {
  return LEERDOEL_FIELDS.every((f) => l[f].trim() === "");
}

export function normalisePop(content: PopContent): PopContent {
  return {
    wieBenIk: content.wieBenIk.trim(),
    sterkeKanten: content.sterkeKanten.trim(),
    ontwikkelpunten: content.ontwikkelpunten.trim(),
    leerdoelen: content.leerdoelen
      .map((l) => Object.fromEntries(LEERDOEL_FIELDS.map((f) => [f, (l[f] ?? "").trim()])) as Leerdoel)
      .filter((l) => !isBlankLeerdoel(l)),
  };
}

export type SubmitProblem =
  | { key: "pop.missing.sterkeKanten" }
  | { key: "pop.missing.ontwikkelpunten" }
  | { key: "pop.missing.leerdoelCount"; min: number; max: number }
  | { key: "pop.missing.leerdoelField"; leerdoel: number; field: LeerdoelField }
  | { key: "pop.missing.competentie"; leerdoel: number };

/** What still stands in the way of handing in, in reading order; empty when ready. */
export function submitProblems(content: PopContent, rules: { popLeerdoelenMin: number; popLeerdoelenMax: number }, competencyCodes: string[]): SubmitProblem[] {
  const c = normalisePop(content);
  const problems: SubmitProblem[] = [];
  if (!c.sterkeKanten) problems.push({ key: "pop.missing.sterkeKanten" });
  if (!c.ontwikkelpunten) problems.push({ key: "pop.missing.ontwikkelpunten" });
  if (c.leerdoelen.length < rules.popLeerdoelenMin || c.leerdoelen.length > rules.popLeerdoelenMax) {
    problems.push({ key: "pop.missing.leerdoelCount", min: rules.popLeerdoelenMin, max: rules.popLeerdoelenMax });
  }
  c.leerdoelen.forEach((l, i) => {
    for (const field of REQUIRED_LEERDOEL_FIELDS) {
      if (!l[field]) problems.push({ key: "pop.missing.leerdoelField", leerdoel: i + 1, field });
    }
    if (l.competentie && !competencyCodes.includes(l.competentie)) problems.push({ key: "pop.missing.competentie", leerdoel: i + 1 });
  });
  return problems;
}

/** Who may take a workflow step from which status. */
export function canTransition(status: PopStatus, action: PopAction, actor: "owner" | "trainer"): boolean {
  switch (action) {
    case "submit":
      return actor === "owner" && (status === "concept" || status === "terug");
    case "approve":
    case "return":
      return actor === "trainer" && status === "ingediend";
  }
}

/** Editing a handed-in or approved plan makes it a concept again; a returned plan stays returned until handed in. */
export function statusAfterEdit(status: PopStatus): PopStatus {
  return status === "terug" ? "terug" : "concept";
}

/**
 * The sections a POP is read, commented and compared by. A leerdoel's text is its filled-in fields,
 * each as its own entry (`fields`), so a reader can show each under the form's own label; `text`
 * is only their values, one per line, never the field codes.
 */
export function popSections(content: PopContent): { code: string; text: string; fields?: { field: LeerdoelField; text: string }[] }[] {
  const c = normalisePop(content);
  return [
    { code: "wie-ben-ik", text: c.wieBenIk },
    { code: "sterke-kanten", text: c.sterkeKanten },
    { code: "ontwikkelpunten", text: c.ontwikkelpunten },
    ...c.leerdoelen.map((l, i) => {
      const fields = LEERDOEL_FIELDS.filter((f) => l[f]).map((f) => ({ field: f, text: l[f] }));
      return { code: `leerdoel-${i + 1}`, text: fields.map((f) => f.text).join("\n"), fields };
    }),
  ];
}

export function samePop(a: PopContent, b: PopContent): boolean {
  return JSON.stringify(normalisePop(a)) === JSON.stringify(normalisePop(b));
}

export type PopChange = "same" | "changed" | "added" | "removed";

function changeOf(before: string, after: string): PopChange {
  return before === after ? "same" : !before ? "added" : !after ? "removed" : "changed";
}

export interface PopFieldComparison {
  field: LeerdoelField;
  before: string;
  after: string;
  change: PopChange;
}

export interface PopSectionComparison {
  code: string;
  before: string;
  after: string;
  change: PopChange;
  /** For a leerdoel: its fields that differ, in the form's order (the label is the reader's job). */
  fields: PopFieldComparison[];
}

/**
 * Per section: unchanged, changed (with both texts), added or removed; for a leerdoel also per
 * field. A competency is compared by what `competencyTitle` calls it (its name in the leerlijn),
 * not by its code.
 */
export function compareVersions(older: PopContent, newer: PopContent, competencyTitle: (code: string) => string = (code) => code): PopSectionComparison[] {
  const shown = (f: { field: LeerdoelField; text: string }) => ({ ...f, text: f.field === "competentie" ? competencyTitle(f.text) : f.text });
  const sections = (content: PopContent) =>
    new Map(
      popSections(content).map((s) => [s.code, { text: s.fields ? s.fields.map((f) => shown(f).text).join("\n") : s.text, fields: s.fields?.map(shown) }]),
    );
  const a = sections(older);
  const b = sections(newer);
  const codes = [...new Set([...a.keys(), ...b.keys()])];
  return codes.map((code) => {
    const before = a.get(code);
    const after = b.get(code);
    const fieldText = (side: typeof before, field: LeerdoelField) => side?.fields?.find((f) => f.field === field)?.text ?? "";
    const fields =
      before?.fields || after?.fields
        ? LEERDOEL_FIELDS.map((field) => {
            const x = fieldText(before, field);
            const y = fieldText(after, field);
            return { field, before: x, after: y, change: changeOf(x, y) };
          }).filter((f) => f.change !== "same")
        : [];
    const beforeText = before?.text ?? "";
    const afterText = after?.text ?? "";
    const change: PopChange =
      !beforeText && !afterText
        ? "same"
        : !beforeText
          ? "added"
          : !afterText
            ? "removed"
            : beforeText === afterText && fields.length === 0
              ? "same"
              : "changed";
    return { code, before: beforeText, after: afterText, change, fields };
  });
}
