import { randomBytes } from "node:crypto";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import { createDb, type DB } from "../../db/connect";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import { alumniGroupSchema } from "../../app/forms/alumni-intervisie";
import {
  alumniIntervisiePage,
  countActiveAlumniInIntervisie,
  createAlumniGroup,
  decideRequest,
  groupForStaff,
  planAlumniMeeting,
  removeMember,
  requestToJoin,
} from "../../app/services/alumni-intervisie.server";
import { attendanceSheet, saveAttendance } from "../../app/services/attendance.server";
import { listCohorts, listCohortsForTrainer } from "../../app/services/cohorts.server";
import { collectParticipantData } from "../../app/services/data-export.server";
import { anonymisePerson } from "../../app/services/privacy.server";
import { cohortProgress } from "../../app/services/progress.server";
import { reportsOverview } from "../../app/services/reports.server";
import { getMeeting } from "../../app/services/schedule.server";
import { createSession } from "../../app/services/sessions.server";
import { coordinatorStats } from "../../app/services/stats.server";
import { trainerTodo } from "../../app/services/trainer-todo.server";
import { loader as staffLoader } from "../../app/routes/trainer.intervisie-alumni.$groupId";
import { loader as attendanceLoader } from "../../app/routes/groepen.$cohortId.bijeenkomsten.$meetingId.aanwezigheid";
import { loader as alumniLoader } from "../../app/routes/deelnemer.intervisie-alumni";
import { DEMO_ALUMNI_GROUP } from "../../demo/alumni-intervisie";
import { DEMO_COHORT_FINISHED } from "../../demo/seed";
import { auditLines } from "../support/audit";
import { daysFromToday, TODAY } from "../support/clock";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";

/*
 * Issue 31 point 4 (decision 025): city-wide intervisie groups for alumni, in their own container
 * cohort (kind 'alumni'), with the ordinary meetings, attendance and intervisie record. Real
 * SQLite file, real queries, the app clock (LEERLIJN_NOW).
 */

// The route modules are loaded for their loaders only.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const IP = "192.0.2.44";
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterEach(() => t.close());

let certSeq = 0;
/** A valid certificate for someone (written as issued: this file tests what follows from it, not issuing). */
async function certify(db: DB, participantId: number) {
  const finished = await cohortByName(db, DEMO_COHORT_FINISHED);
  const seq = 8000 + certSeq++;
  await db
    .insertInto("certificates")
    .values({
      number: `LLB-2026-${seq}`,
      year: 2026,
      seq,
      verification_code: randomBytes(18).toString("base64url"),
      participant_id: participantId,
      cohort_id: finished.id,
      interview_id: null,
      snapshot: JSON.stringify({
        participantName: "x",
        leerlijn: { name: "Leerlijn", version: 1, level: "" },
        hours: { learning: 60, practice: 60 },
        trainings: [],
        issuedOn: daysFromToday(-60),
        issuer: "Leerlijn",
      }),
      pdf_sha256: "0".repeat(64),
      pdf: Buffer.from("%PDF-1.4\n%test\n"),
      issued_at: new Date(`${daysFromToday(-60)}T10:00:00Z`).toISOString(),
      issued_by: null,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      revoke_kind: null,
      supersedes_id: null,
      superseded_by_id: null,
    })
    .execute();
}

async function alum(n: number) {
  const u = await makeUser(t.db, { role: "participant", email: `alum${n}@voorbeeld.test`, name: `Alum Nummer${n}` });
  await certify(t.db, u.id);
  return u;
}

async function demoGroup() {
  return t.db
    .selectFrom("alumni_intervisie_groups as ag")
    .innerJoin("intervisie_groups as g", "g.id", "ag.group_id")
    .select(["ag.group_id", "ag.cohort_id"])
    .where("g.name", "=", DEMO_ALUMNI_GROUP)
    .executeTakeFirstOrThrow();
}

async function people() {
  const [coordinator, trainer, trainer2, lotte, p1] = await Promise.all(
    ["coordinator@leerlijn.test", "trainer@leerlijn.test", "trainer2@leerlijn.test", "deelnemer15@leerlijn.test", "deelnemer1@leerlijn.test"].map((e) =>
      userByEmail(t.db, e),
    ),
  );
  return { coordinator: coordinator!, trainer: trainer!, trainer2: trainer2!, lotte: lotte!, p1: p1! };
}

async function requestFor(userId: number, path: string) {
  const { token } = await createSession(t.db, userId);
  const cookie = (await sessionCookie.serialize(token)).split(";")[0]!;
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}

async function load(loader: (args: LoaderFunctionArgs) => unknown, userId: number, path: string, params: Record<string, string>) {
  try {
    return await loader({ request: await requestFor(userId, path), params, context: { clientIp: IP } as unknown as AppLoadContext } as LoaderFunctionArgs);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

describe("the demo group", () => {
  it("is in Oost with the demo trainer as facilitator, Lotte a member, one meeting past (attended) and one ahead", async () => {
    const { trainer, lotte } = await people();
    const { group_id } = await demoGroup();
    const view = (await groupForStaff(t.db, trainer, group_id))!;
    expect(view.group).toMatchObject({ name: DEMO_ALUMNI_GROUP, stadsdeel: "oost", maxMembers: 8, members: 1, facilitator: { id: trainer.id } });
    expect(view.members.map((m) => m.id)).toEqual([lotte.id]);
    expect(view.meetings.map((m) => m.date)).toEqual([daysFromToday(-14), daysFromToday(14)]);
    const page = (await alumniIntervisiePage(t.db, lotte))!;
    expect(page.groups.find((g) => g.id === group_id)).toMatchObject({ mine: "member", placesLeft: 7, nextDate: daysFromToday(14) });
    expect(page.meetings.map((m) => [m.date, m.past, m.status])).toEqual([
      [daysFromToday(-14), true, "aanwezig"],
      [daysFromToday(14), false, null],
    ]);
  });
});

describe("course lists, reports and progress keep to courses", () => {
  it("the container cohort is in no cohort list, count or report, and an alum's course progress does not change", async () => {
    const { trainer, lotte } = await people();
    const { group_id, cohort_id } = await demoGroup();
    const finished = await cohortByName(t.db, DEMO_COHORT_FINISHED);
    const courses = await t.db.selectFrom("cohorts").select("id").where("kind", "=", "course").execute();
    expect((await listCohorts(t.db)).map((c) => c.id).sort()).toEqual(courses.map((c) => c.id).sort());
    expect((await listCohortsForTrainer(t.db, trainer.id)).map((c) => c.id)).not.toContain(cohort_id);
    expect((await coordinatorStats(t.db)).cohorts).toBe(courses.length);
    expect((await trainerTodo(t.db, trainer.id)).groups.flatMap((g) => g.items.map((i) => i.href)).some((h) => h.includes(`/${cohort_id}/`))).toBe(false);

    const fresh = async () => {
      // A new handle: no cached progress or overview in this process.
      const db = createDb(t.file);
      try {
        const overview = await reportsOverview(db, TODAY, "alle");
        const progress = (await cohortProgress(db, finished.id, TODAY))!;
        return {
          overview: overview.rows.map((r) => ({ cohort: r.cohort.id, counts: r.counts })),
          lotte: progress.rows.find((r) => r.participant.id === lotte.id),
        };
      } finally {
        await db.destroy();
      }
    };
    const before = await fresh();
    expect(before.overview.map((r) => r.cohort)).not.toContain(cohort_id);
    expect(before.lotte).toBeDefined();

    // Another alumni meeting that Lotte attends: nothing in the course changes.
    const id = await planAlumniMeeting(t.db, trainer, group_id, {
      title: "Intervisie",
      date: daysFromToday(-3),
      startTime: "19:00",
      endTime: "21:00",
      location: null,
    });
    const meeting = (await getMeeting(t.db, cohort_id, id))!;
    await saveAttendance(
      t.db,
      meeting,
      { revision: meeting.attendance_revision, rows: [{ participantId: lotte.id, status: "aanwezig", minutesMissed: 0, active: true, note: null }] },
      trainer,
    );
    expect(await fresh()).toEqual(before);
  });
});

describe("asking to join", () => {
  it("only alumni can ask: others get no page and their attempt is refused and audited", async () => {
    const { p1, trainer } = await people();
    const { group_id } = await demoGroup();
    expect(await alumniIntervisiePage(t.db, p1)).toBeUndefined();
    expect(await load(alumniLoader, p1.id, "/deelnemer/intervisie-alumni", {})).toMatchObject({ status: 404 });
    await expect(requestToJoin(t.db, p1, group_id)).rejects.toMatchObject({ messageKey: "alumniIntervisie.notCertified" });
    expect(await alumniIntervisiePage(t.db, trainer)).toBeUndefined();
    expect(await t.db.selectFrom("alumni_intervisie_requests").select("id").where("participant_id", "=", p1.id).execute()).toEqual([]);
    const lines = await auditLines(t.db)
      .select(["action", "outcome"])
      .where("actor_id", "=", p1.id)
      .where("action", "like", "alumni_intervisie.%")
      .orderBy("id")
      .execute();
    expect(lines).toEqual([
      { action: "alumni_intervisie.view", outcome: "denied" },
      { action: "alumni_intervisie.view", outcome: "denied" },
      { action: "alumni_intervisie.request", outcome: "denied" },
    ]);
  });

  it("at most 8 members: a full group refuses, says so, and has a place again after a removal", async () => {
    const { coordinator, trainer } = await people();
    expect(alumniGroupSchema.safeParse({ name: "x", facilitatorId: "1", place: "y", stadsdeel: "west", maxMembers: "9" }).success).toBe(false);
    const since =
      (
        await auditLines(t.db)
          .select((eb) => eb.fn.max("id").as("id"))
          .executeTakeFirstOrThrow()
      ).id ?? 0;
    const groupId = await createAlumniGroup(
      t.db,
      { name: "Stadsbrede intervisie West", facilitatorId: trainer.id, place: "Buurthuis", stadsdeel: "west", maxMembers: 8 },
      coordinator,
    );
    const alumni = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map(alum));
    for (const a of alumni) await requestToJoin(t.db, a, groupId);
    const requests = await t.db
      .selectFrom("alumni_intervisie_requests")
      .select(["id", "participant_id"])
      .where("group_id", "=", groupId)
      .orderBy("id")
      .execute();
    for (const r of requests.slice(0, 8)) await decideRequest(t.db, groupId, r.id, "accept", coordinator);
    const ninth = requests[8]!;
    await expect(decideRequest(t.db, groupId, ninth.id, "accept", coordinator)).rejects.toMatchObject({ messageKey: "alumniIntervisie.full" });
    const tenth = await alum(10);
    await expect(requestToJoin(t.db, tenth, groupId)).rejects.toMatchObject({ messageKey: "alumniIntervisie.full" });
    expect((await groupForStaff(t.db, coordinator, groupId))!.members).toHaveLength(8);
    // The open groups list shows no places left, and never the members' names.
    const page = (await alumniIntervisiePage(t.db, tenth))!;
    expect(page.groups.find((g) => g.id === groupId)).toMatchObject({ placesLeft: 0, mine: "none" });
    expect(JSON.stringify(page)).not.toContain("Nummer");

    await decideRequest(t.db, groupId, ninth.id, "refuse", coordinator);
    await removeMember(t.db, groupId, alumni[0]!.id, coordinator);
    await requestToJoin(t.db, alumni[8]!, groupId);
    const again = await t.db
      .selectFrom("alumni_intervisie_requests")
      .select("id")
      .where("participant_id", "=", alumni[8]!.id)
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    await decideRequest(t.db, groupId, again.id, "accept", coordinator);
    const statuses = await t.db.selectFrom("alumni_intervisie_requests").select(["participant_id", "status"]).where("group_id", "=", groupId).execute();
    expect(statuses.filter((s) => s.participant_id === alumni[0]!.id).map((s) => s.status)).toEqual(["removed"]);
    expect(
      statuses
        .filter((s) => s.participant_id === alumni[8]!.id)
        .map((s) => s.status)
        .sort(),
    ).toEqual(["accepted", "refused"]);
    const lines = await auditLines(t.db)
      .select(["action"])
      .where("actor_id", "=", coordinator.id)
      .where("id", ">", Number(since))
      .where("action", "like", "alumni_intervisie.%")
      .orderBy("id")
      .execute();
    expect(lines.map((l) => l.action)).toEqual([
      "alumni_intervisie.group.create",
      ...Array(8).fill("alumni_intervisie.accept"),
      "alumni_intervisie.refuse",
      "alumni_intervisie.remove",
      "alumni_intervisie.accept",
    ]);
  });
});

describe("the facilitator", () => {
  it("uses the ordinary attendance page for their own group; another trainer gets 404 there and on the group page", async () => {
    const { trainer, trainer2, lotte } = await people();
    const { group_id, cohort_id } = await demoGroup();
    const meetingId = (await groupForStaff(t.db, trainer, group_id))!.meetings[0]!.id;
    expect(await groupForStaff(t.db, trainer2, group_id)).toBeUndefined();
    expect(await load(staffLoader, trainer2.id, `/trainer/intervisie-alumni/${group_id}`, { groupId: String(group_id) })).toMatchObject({ status: 404 });
    const params = { cohortId: String(cohort_id), meetingId: String(meetingId) };
    const path = `/groepen/${cohort_id}/bijeenkomsten/${meetingId}/aanwezigheid`;
    expect(await load(attendanceLoader, trainer2.id, path, params)).toMatchObject({ status: 404 });
    const page = (await load(attendanceLoader, trainer.id, path, params)) as { sheet: { rows: { participant: { id: number } }[] } };
    expect(page.sheet.rows.map((r) => r.participant.id)).toEqual([lotte.id]);
    const sheet = await attendanceSheet(t.db, (await getMeeting(t.db, cohort_id, meetingId))!);
    expect(sheet.rows.map((r) => [r.participant.id, r.record?.status])).toEqual([[lotte.id, "aanwezig"]]);
  });
});

describe("countActiveAlumniInIntervisie", () => {
  it("counts distinct alumni present or late at city-wide meetings in the period, never course intervisie", async () => {
    const { trainer, coordinator, lotte } = await people();
    const { group_id, cohort_id } = await demoGroup();
    const second = await alum(1);
    const third = await alum(2);
    for (const a of [second, third]) {
      await requestToJoin(t.db, a, group_id, new Date(`${daysFromToday(-40)}T10:00:00Z`));
      const r = await t.db.selectFrom("alumni_intervisie_requests").select("id").where("participant_id", "=", a.id).executeTakeFirstOrThrow();
      await decideRequest(t.db, group_id, r.id, "accept", coordinator, new Date(`${daysFromToday(-40)}T11:00:00Z`));
    }
    const id = await planAlumniMeeting(t.db, trainer, group_id, {
      title: "Intervisie",
      date: daysFromToday(-7),
      startTime: "19:00",
      endTime: "21:00",
      location: null,
    });
    const meeting = (await getMeeting(t.db, cohort_id, id))!;
    const row = (participantId: number, status: "aanwezig" | "te_laat" | "afwezig") => ({
      participantId,
      status,
      minutesMissed: status === "te_laat" ? 10 : 0,
      active: true,
      note: null,
    });
    await saveAttendance(
      t.db,
      meeting,
      { revision: meeting.attendance_revision, rows: [row(lotte.id, "te_laat"), row(second.id, "aanwezig"), row(third.id, "afwezig")] },
      trainer,
    );

    const truth = async (from: string, to: string) => {
      const r = await sql<{ n: number }>`
        select count(distinct a.participant_id) as n from attendance a
        join course_sessions s on s.id = a.session_id join cohorts c on c.id = s.cohort_id
        where c.kind = 'alumni' and s.status = 'planned' and a.status in ('aanwezig', 'te_laat') and s.date between ${from} and ${to}`.execute(t.db);
      return Number(r.rows[0]!.n);
    };
    const whole = { from: daysFromToday(-30), to: TODAY };
    // Lotte (twice: -14 and -7) and the second alum; the third was absent.
    expect(await countActiveAlumniInIntervisie(t.db, whole)).toBe(2);
    expect(await countActiveAlumniInIntervisie(t.db, whole)).toBe(await truth(whole.from, whole.to));
    expect(await countActiveAlumniInIntervisie(t.db, { from: daysFromToday(-20), to: daysFromToday(-10) })).toBe(1);
    expect(await countActiveAlumniInIntervisie(t.db, { from: daysFromToday(-6), to: TODAY })).toBe(0);
    // The course's own intervisie (plenty in the demo) is not counted.
    const courseRows = await sql<{ n: number }>`
      select count(*) as n from attendance a join course_sessions s on s.id = a.session_id join cohorts c on c.id = s.cohort_id
      where c.kind = 'course' and s.type = 'intervisie' and a.status = 'aanwezig'`.execute(t.db);
    expect(Number(courseRows.rows[0]!.n)).toBeGreaterThan(0);
  });
});

describe("export and anonymise", () => {
  it("the export has the person's requests; anonymising deletes them", async () => {
    const { coordinator, lotte } = await people();
    const data = (await collectParticipantData(t.db, lotte, "nl")).data;
    expect(data.sections.alumni_intervisie_requests.rows).toEqual([expect.objectContaining({ group: DEMO_ALUMNI_GROUP, status: "accepted" })]);
    expect(data.sections.intervisie_groups.rows).toEqual(expect.arrayContaining([expect.objectContaining({ group: DEMO_ALUMNI_GROUP })]));
    expect(await anonymisePerson(t.db, coordinator, lotte.id, IP)).toBe("done");
    expect(await t.db.selectFrom("alumni_intervisie_requests").select("id").where("participant_id", "=", lotte.id).execute()).toEqual([]);
  });
});
