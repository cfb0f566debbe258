import { monthsBefore, RETENTION_DEFAULTS, retentionCutoffs, retentionSchema } from "../../app/rules/retention";

describe("retention rules", () => {
  test("monthsBefore counts calendar months and clamps to the month's end", () => {
    expect(monthsBefore("2026-12-01", 24)).toBe("2024-12-01");
    expect(monthsBefore("2026-03-31", 1)).toBe("2026-02-28");
    expect(monthsBefore("2024-03-31", 1)).toBe("2024-02-29");
    expect(monthsBefore("2026-01-15", 1)).toBe("2025-12-15");
    expect(monthsBefore("2026-05-10", 0)).toBe("2026-05-10");
  });

  test("the default cut-offs: interview texts after 2 years, drafts from the day after the course, traces after 90 days", () => {
    const c = retentionCutoffs(RETENTION_DEFAULTS, new Date("2026-12-01T03:00:00.000Z"));
    expect(c.assessmentDecidedBefore).toBe("2024-12-01T03:00:00.000Z");
    expect(c.draftsCohortEndedOnOrBefore).toBe("2026-11-30");
    expect(c.signInTracesBefore).toBe("2026-09-02T03:00:00.000Z");
  });

  test("drafts kept longer when the coordinator sets months after the end", () => {
    const c = retentionCutoffs({ ...RETENTION_DEFAULTS, draftsMonthsAfterEnd: 6 }, new Date("2026-12-01T03:00:00.000Z"));
    expect(c.draftsCohortEndedOnOrBefore).toBe("2026-05-30");
  });

  test("settings are validated: whole numbers within bounds", () => {
    expect(retentionSchema.safeParse({ assessmentMonths: "24", draftsMonthsAfterEnd: "0", signInTraceDays: "90" }).success).toBe(true);
    expect(retentionSchema.safeParse({ assessmentMonths: "0", draftsMonthsAfterEnd: "0", signInTraceDays: "90" }).success).toBe(false);
    expect(retentionSchema.safeParse({ assessmentMonths: "2.5", draftsMonthsAfterEnd: "0", signInTraceDays: "90" }).success).toBe(false);
    expect(retentionSchema.safeParse({ assessmentMonths: "24", draftsMonthsAfterEnd: "-1", signInTraceDays: "90" }).success).toBe(false);
    expect(retentionSchema.safeParse({ assessmentMonths: "0x10", draftsMonthsAfterEnd: "0", signInTraceDays: "90" }).success).toBe(false);
    expect(retentionSchema.safeParse({ assessmentMonths: "1e1", draftsMonthsAfterEnd: "0", signInTraceDays: "90" }).success).toBe(false);
    // Stored settings are JSON numbers.
    expect(retentionSchema.parse({ assessmentMonths: 36, draftsMonthsAfterEnd: 0, signInTraceDays: 90 })).toEqual({
      assessmentMonths: 36,
      draftsMonthsAfterEnd: 0,
      signInTraceDays: 90,
    });
  });
});
