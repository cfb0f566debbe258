import { can, canEnter, homePathFor, safeRedirectPath, type Area } from "../../app/rules/policy";
import { ROLES } from "../../db/schema";

describe("role policy", () => {
  it("gives every role its own home page", () => {
    expect(ROLES.map(homePathFor)).toEqual(["/deelnemer", "/trainer", "/examinator", "/coordinator", "/buurtteam"]);
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

  it("lets everyone of the course read the curriculum (participants know the criteria beforehand)", () => {
    expect(ROLES.filter((r) => canEnter(r, "curriculum"))).toEqual(["participant", "trainer", "examiner", "coordinator"]);
  });

  it("keeps a buurtteam-coördinator to the team's requests and their own account (issue 31)", () => {
    const areas = (
      ["team-home", "account", "curriculum", "participant-profile", "cohort-staff", "reports", "interviews", "people", "buurtteams-manage"] as Area[]
    ).filter((a) => canEnter("team_coordinator", a));
    expect(areas).toEqual(["team-home", "account"]);
    expect(ROLES.filter((r) => canEnter(r, "team-home"))).toEqual(["team_coordinator"]);
    expect(ROLES.filter((r) => canEnter(r, "buurtteams-manage"))).toEqual(["coordinator"]);
  });

  it("follows only local redirect paths", () => {
    expect(safeRedirectPath("/trainer")).toBe("/trainer");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    expect(safeRedirectPath(null, "/deelnemer")).toBe("/deelnemer");
    expect(safeRedirectPath("/")).toBe("/");
    expect(safeRedirectPath("/deelnemer/pop?x=1#a")).toBe("/deelnemer/pop?x=1#a");
    // Browsers drop tab/CR/LF and read a backslash as a slash: each of these would leave the site
    // or break the Location header.
    for (const bad of [
      "/\t/evil.example/x",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/trainer\r\nSet-Cookie: x=1",
      "/\\/evil.example",
      "/a\\b",
      "\t//evil.example",
      "/\u0000x",
      "evil.example",
      "///evil.example",
    ]) {
      expect({ bad, to: safeRedirectPath(bad) }).toEqual({ bad, to: "/" });
    }
  });

  it("decides record actions by relation, not by role alone", () => {
    const owner = { id: 10, role: "participant" as const };
    const other = { id: 11, role: "participant" as const };
    const trainer = { id: 2, role: "trainer" as const };
    const otherTrainer = { id: 3, role: "trainer" as const };
    const examiner = { id: 4, role: "examiner" as const };
    const otherExaminer = { id: 5, role: "examiner" as const };
    const coordinator = { id: 1, role: "coordinator" as const };
    const record = { ownerId: 10, trainerIds: [2], assessorIds: [4] };
    const who = (action: Parameters<typeof can>[1]) =>
      [owner, other, trainer, otherTrainer, examiner, otherExaminer, coordinator, null].map((u) => can(u, action, record));
    //                                   owner  other  trainer otherT examiner otherE coord  anon
    expect(who("pop.read")).toEqual([true, false, true, false, true, false, false, false]);
    expect(who("certificate.download")).toEqual([true, false, false, false, true, false, true, false]);
    expect(who("participant.view")).toEqual([true, false, true, false, false, false, true, false]);
    expect(can(coordinator, "enter:privacy")).toBe(true);
    expect(can(trainer, "enter:privacy")).toBe(false);
    expect(can(null, "enter:curriculum")).toBe(false);
    // A participant id that is not theirs, even with the participant role, is not the owner.
    expect(can({ id: 10, role: "trainer" }, "pop.read", { ownerId: 10 })).toBe(false);
  });
});
