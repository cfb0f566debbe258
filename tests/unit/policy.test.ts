import { canEnter, homePathFor, safeRedirectPath, type Area } from "../../app/rules/policy";
import { ROLES } from "../../db/schema";

describe("role policy", () => {
  it("gives every role its own home page", () => {
    expect(ROLES.map(homePathFor)).toEqual(["/deelnemer", "/trainer", "/examinator", "/coordinator"]);
  });

  it("lets only coordinators manage people and cohorts", () => {
    const manage: Area[] = ["people", "cohorts-manage", "coordinator-home"];
    for (const area of manage) {
      expect(ROLES.filter((r) => canEnter(r, area))).toEqual(["coordinator"]);
    }
  });

  it("keeps each home page to its own role", () => {
    expect(ROLES.filter((r) => canEnter(r, "participant-home"))).toEqual(["participant"]);
    expect(ROLES.filter((r) => canEnter(r, "trainer-home"))).toEqual(["trainer"]);
    expect(ROLES.filter((r) => canEnter(r, "examiner-home"))).toEqual(["examiner"]);
    expect(ROLES.filter((r) => canEnter(r, "cohorts-teach"))).toEqual(["trainer"]);
  });

  it("lets everyone read the curriculum (participants know the criteria beforehand)", () => {
    expect(ROLES.every((r) => canEnter(r, "curriculum"))).toBe(true);
  });

  it("follows only local redirect paths", () => {
    expect(safeRedirectPath("/trainer")).toBe("/trainer");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    expect(safeRedirectPath(null, "/deelnemer")).toBe("/deelnemer");
  });
});
