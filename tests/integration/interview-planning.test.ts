import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { getVersion } from "../../app/services/curriculum.server";
import {
  NotCandidateError,
  PlanRefusedError,
  cancelInterview,
  changeAssessors,
  interviewCandidates,
  planInterview,
  rescheduleInterview,
  saveJudgement,
  signJudgement,
  type PlanInput,
} from "../../app/services/interviews.server";
import { createSession } from "../../app/services/sessions.server";
import { action as planAction } from "../../app/routes/eindgesprekken.nieuw";
import { action as interviewAction } from "../../app/routes/eindgesprekken.$id";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser, userByEmail } from "../support/factories";
import { TODAY, daysFromToday } from "../support/clock";

/*
 * Issue 24 point 6: planning a final interview trusts nothing from the form. Two distinct
 * assessors who can open and sign it (active examiners or coordinators); the participant's own
 * trainer or werkbegeleider only with a coordinator's recorded reason; a participant the engine
 * does not call ready only by a coordinator with a reason; and the coordinator can reschedule,
 * change the assessors or cancel a planned interview. Everything through the real services (and
 * the routes' actions, as a browser without JavaScript posts) on the demo database.
 */

// The route modules are loaded for their actions only.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterEach(() => t.close());

async function people(db: DB = t.db) {
  return {
    e1: await userByEmail(db, "examinator@leerlijn.test"),
    e2: await userByEmail(db, "examinator2@leerlijn.test"),
    coordinator: await userByEmail(db, "coordinator@leerlijn.test"),
    // trainer of the finished cohort (deelnemer15-18)
    trainer: await userByEmail(db, "trainer@leerlijn.test"),
    // trainer of another cohort: no conflict, but a trainer cannot open or sign an interview
    trainer2: await userByEmail(db, "trainer2@leerlijn.test"),
    certified: await userByEmail(db, "deelnemer15@leerlijn.test"),
    ready: await userByEmail(db, "deelnemer16@leerlijn.test"),
    left: await userByEmail(db, "deelnemer17@leerlijn.test"),
    behind: await userByEmail(db, "deelnemer18@leerlijn.test"),
  };
}

/** Midday (Amsterdam) on a day. */
const onDay = (day: string) => new Date(`${day}T11:00:00Z`);

async function auditRows(action: string) {
  return t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
}
const lastDetails = async (action: string, outcome = "success") =>
  JSON.parse((await auditRows(action)).filter((r) => r.outcome === outcome).at(-1)!.details!) as Record<string, unknown>;

/** The demo plans deelnemer16's interview already; these tests plan it themselves. */
async function freeReady() {
  const { ready } = await people();
  const ids = (await t.db.selectFrom("interviews").select("id").where("participant_id", "=", ready.id).execute()).map((r) => r.id);
  await t.db.deleteFrom("interview_assessors").where("interview_id", "in", ids).execute();
  await t.db.deleteFrom("interviews").where("id", "in", ids).execute();
  return ready;
}

const plan = (actor: Pick<User, "id" | "role">, participantId: number, assessorIds: number[], extra: Partial<PlanInput> = {}) =>
  planInterview(t.db, actor, { participantId, date: daysFromToday(7), startTime: "10:00", location: "Vrijwilligersacademie", assessorIds, ...extra });

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlanRefusedError);
  return e as PlanRefusedError;
};

const plannedFor = async (participantId: number) =>
  t.db.selectFrom("interviews").select(["id", "status"]).where("participant_id", "=", participantId).where("status", "=", "gepland").execute();

async function post(
  url: string,
  user: { id: number },
  fields: [string, string][],
  action: (args: ActionFunctionArgs) => Promise<unknown>,
  params: Record<string, string> = {},
) {
  const { token } = await createSession(t.db, user.id);
  const cookie = (await sessionCookie.serialize(token)).split(";")[0];
  const request = new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const res = (await action({ request, params, context: { clientIp: "192.0.2.30" } as unknown as AppLoadContext } as ActionFunctionArgs)) as unknown;
  return res as {
    data?: { fieldErrors?: Record<string, string>; conflicts?: { name: string; reason: string }[]; ok?: boolean; message?: string };
    init?: { status?: number };
    status?: number;
    headers?: Headers;
  };
}

describe("planning: the assessors", () => {
  it("refuses one assessor, and the same assessor twice, in the service and on a posted form", async () => {
    const { e1 } = await people();
    const ready = await freeReady();
    expect((await refusal(plan(e1, ready.id, [e1.id]))).fieldErrors).toEqual({ assessorIds: "interview.assessorsRequired" });
    expect((await refusal(plan(e1, ready.id, [e1.id, e1.id]))).fieldErrors).toEqual({ assessorIds: "interview.assessorsRequired" });
    const form: [string, string][] = [
      ["participantId", String(ready.id)],
      ["date", daysFromToday(7)],
      ["startTime", "10:00"],
      ["location", ""],
      ["assessorIds", String(e1.id)],
      ["assessorIds", String(e1.id)],
    ];
    const res = await post("/eindgesprekken/nieuw", e1, form, planAction);
    expect(res.init?.status).toBe(400);
    expect(res.data?.fieldErrors).toEqual({ assessorIds: "interview.assessorsRequired" });
    expect(await plannedFor(ready.id)).toHaveLength(0);
    expect((await auditRows("interview.plan")).filter((r) => r.outcome === "failure" && r.target_id === String(ready.id))).toHaveLength(2);
  });

  it("refuses an assessor who cannot open or sign the interview: a trainer, a disabled examiner, the participant", async () => {
    const { e1, e2, trainer2 } = await people();
    const ready = await freeReady();
    expect((await refusal(plan(e1, ready.id, [e1.id, trainer2.id]))).fieldErrors).toEqual({ assessorIds: "interview.assessorsCannotSign" });
    expect((await refusal(plan(e1, ready.id, [e1.id, ready.id]))).fieldErrors).toEqual({ assessorIds: "interview.assessorsCannotSign" });
    await t.db.updateTable("users").set({ status: "disabled" }).where("id", "=", e2.id).execute();
    expect((await refusal(plan(e1, ready.id, [e1.id, e2.id]))).fieldErrors).toEqual({ assessorIds: "interview.assessorsCannotSign" });
    // Also posted by hand, as a browser would.
    const res = await post(
      "/eindgesprekken/nieuw",
      e1,
      [
        ["participantId", String(ready.id)],
        ["date", daysFromToday(7)],
        ["startTime", "10:00"],
        ["assessorIds", String(e1.id)],
        ["assessorIds", String(trainer2.id)],
      ],
      planAction,
    );
    expect(res.data?.fieldErrors).toEqual({ assessorIds: "interview.assessorsCannotSign" });
    expect(await plannedFor(ready.id)).toHaveLength(0);
    // A coordinator is an assessor who can sign.
    const { coordinator } = await people();
    await t.db.updateTable("users").set({ status: "active" }).where("id", "=", e2.id).execute();
    const { id } = await plan(e1, ready.id, [e1.id, coordinator.id]);
    expect(
      (await t.db.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", id).orderBy("user_id").execute()).map((a) => a.user_id),
    ).toEqual([e1.id, coordinator.id].sort((a, b) => a - b));
  });

  it("refuses the participant's own trainer without a coordinator's reason; with one it is planned and audited", async () => {
    const { e1, coordinator, trainer } = await people();
    const ready = await freeReady();
    // The finished cohort's trainer has become an examiner: she can sign, but she trained deelnemer16.
    await t.db.updateTable("users").set({ role: "examiner" }).where("id", "=", trainer.id).execute();
    const byExaminer = await refusal(plan(e1, ready.id, [e1.id, trainer.id], { conflictReason: "Er is geen andere examinator." }));
    expect(byExaminer.fieldErrors).toEqual({ assessorIds: "interview.assessorConflict" });
    expect(byExaminer.conflicts).toEqual([{ assessorId: trainer.id, name: trainer.name, reason: "trainer" }]);
    const noReason = await refusal(plan(coordinator, ready.id, [e1.id, trainer.id]));
    expect(noReason.fieldErrors).toEqual({ conflictReason: "interview.conflictReason.required" });
    // The examiner's post carries a reason field: it is not theirs to give.
    const res = await post(
      "/eindgesprekken/nieuw",
      e1,
      [
        ["participantId", String(ready.id)],
        ["date", daysFromToday(7)],
        ["startTime", "10:00"],
        ["assessorIds", String(e1.id)],
        ["assessorIds", String(trainer.id)],
        ["conflictReason", "Ik mag dit zelf."],
      ],
      planAction,
    );
    expect(res.data?.fieldErrors).toEqual({ assessorIds: "interview.assessorConflict" });
    expect(res.data?.conflicts).toEqual([expect.objectContaining({ name: trainer.name, reason: "trainer" })]);
    expect(await plannedFor(ready.id)).toHaveLength(0);

    const reason = "Zij gaf maar één les; er is geen andere examinator vrij.";
    const { id } = await plan(coordinator, ready.id, [e1.id, trainer.id], { conflictReason: reason });
    const line = (await auditRows("interview.plan")).filter((r) => r.outcome === "success").at(-1)!;
    expect(line.target_id).toBe(String(id));
    expect(line.actor_id).toBe(coordinator.id);
    expect(JSON.parse(line.details!)).toEqual({
      participantId: ready.id,
      assessors: [e1.id, trainer.id],
      conflict: { reason, assessors: [{ id: trainer.id, reason: "trainer" }] },
    });
  });

  it("refuses the participant's werkbegeleider without a coordinator's reason", async () => {
    const { e1, e2, coordinator } = await people();
    const ready = await freeReady();
    const placement = await t.db.selectFrom("placements").select("supervisor_email").where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    // The werkbegeleider also has an examiner's account.
    await t.db.updateTable("users").set({ email: placement.supervisor_email.toUpperCase() }).where("id", "=", e2.id).execute();
    expect((await refusal(plan(e1, ready.id, [e1.id, e2.id]))).fieldErrors).toEqual({ assessorIds: "interview.assessorConflict" });
    const refused = await refusal(plan(coordinator, ready.id, [e1.id, e2.id], { conflictReason: "  " }));
    expect(refused.fieldErrors).toEqual({ conflictReason: "interview.conflictReason.required" });
    expect(refused.conflicts).toEqual([{ assessorId: e2.id, name: e2.name, reason: "werkbegeleider" }]);
    await plan(coordinator, ready.id, [e1.id, e2.id], { conflictReason: "Zij kent het werkveld het best." });
    expect(await lastDetails("interview.plan")).toMatchObject({
      conflict: { reason: "Zij kent het werkveld het best.", assessors: [{ id: e2.id, reason: "werkbegeleider" }] },
    });
  });
});

describe("planning: the participant", () => {
  it("refuses an examiner planning someone the engine does not call ready, even with a reason posted", async () => {
    const { e1, e2, behind } = await people();
    expect((await interviewCandidates(t.db, TODAY)).map((c) => c.id)).not.toContain(behind.id);
    const err = await refusal(plan(e1, behind.id, [e1.id, e2.id], { overrideReason: "Ze is bijna klaar." }));
    expect(err).toBeInstanceOf(NotCandidateError);
    expect(err.fieldErrors).toEqual({ participantId: "interview.notCandidate" });
    expect((err as NotCandidateError).reasons.map((r) => r.key)).toContain("eligibility.praktijk.missing");
    const res = await post(
      "/eindgesprekken/nieuw",
      e1,
      [
        ["participantId", String(behind.id)],
        ["date", daysFromToday(7)],
        ["startTime", "10:00"],
        ["assessorIds", String(e1.id)],
        ["assessorIds", String(e2.id)],
        ["overrideReason", "Ze is bijna klaar."],
      ],
      planAction,
    );
    expect(res.init?.status).toBe(400);
    expect(res.data?.fieldErrors).toEqual({ participantId: "interview.notCandidate" });
    expect(await plannedFor(behind.id)).toHaveLength(0);
    const failure = await lastDetails("interview.plan", "failure");
    expect(failure.refusals).toEqual(expect.arrayContaining(["eligibility.praktijk.missing", "interview.notCandidate"]));
  });

  it("lets a coordinator plan someone not ready yet only with a reason, audited; never someone who left or passed", async () => {
    const { e1, e2, coordinator, behind, left, certified } = await people();
    expect((await refusal(plan(coordinator, behind.id, [e1.id, e2.id]))).fieldErrors).toEqual({
      participantId: "interview.notReady",
      overrideReason: "interview.overrideReason.required",
    });
    // Both fields at once: the participant and the assessors.
    expect((await refusal(plan(coordinator, behind.id, [e1.id]))).fieldErrors).toEqual({
      participantId: "interview.notReady",
      overrideReason: "interview.overrideReason.required",
      assessorIds: "interview.assessorsRequired",
    });
    for (const who of [left, certified]) {
      expect((await refusal(plan(coordinator, who.id, [e1.id, e2.id], { overrideReason: "Toch graag een gesprek." }))).fieldErrors).toEqual({
        participantId: "interview.override.notPossible",
      });
    }
    expect(await plannedFor(behind.id)).toHaveLength(0);

    const reason = "Ze mist nog 3 praktijkuren; die zijn afgesproken voor volgende week.";
    const res = await post(
      "/eindgesprekken/nieuw",
      coordinator,
      [
        ["participantId", String(behind.id)],
        ["date", daysFromToday(7)],
        ["startTime", "10:00"],
        ["assessorIds", String(e1.id)],
        ["assessorIds", String(e2.id)],
        ["overrideReason", reason],
      ],
      planAction,
    );
    expect(res.status).toBe(302);
    const [iv] = await plannedFor(behind.id);
    expect(res.headers?.get("Location")).toBe(`/eindgesprekken/${iv.id}?gepland=1`);
    const details = await lastDetails("interview.plan");
    expect(details).toMatchObject({ participantId: behind.id, assessors: [e1.id, e2.id], override: { reason } });
    expect((details.override as { refusals: string[] }).refusals).toContain("eligibility.praktijk.missing");
  });

  it("plans a candidate without any reason, and ignores a reason that is not needed", async () => {
    const { e1, e2, coordinator } = await people();
    const ready = await freeReady();
    await plan(coordinator, ready.id, [e1.id, e2.id], { overrideReason: "Niet nodig.", conflictReason: "Ook niet nodig." });
    expect(await lastDetails("interview.plan")).toEqual({ participantId: ready.id, assessors: [e1.id, e2.id] });
  });
});

describe("a planned interview: the coordinator reschedules, changes the assessors or cancels", () => {
  /** deelnemer16's planned interview, judged, and signed by the first examiner on its day. */
  async function signedByFirst() {
    const { e1, ready } = await people();
    const iv = await t.db.selectFrom("interviews").selectAll().where("participant_id", "=", ready.id).where("status", "=", "gepland").executeTakeFirstOrThrow();
    const v = (await getVersion(t.db, iv.leerlijn_version_id))!;
    await saveJudgement(
      t.db,
      e1,
      iv.id,
      {
        criteria: Object.fromEntries(
          v.definition.competencies.flatMap((c) => c.criteria.map((x) => [x.code, { demonstrated: true, justification: "Voorbeeld uit de praktijk." }])),
        ),
        competencies: Object.fromEntries(v.definition.competencies.map((c) => [c.code, "voldoende" as const])),
        outcome: "geslaagd",
        motivation: "Alle criteria aangetoond.",
        advice: null,
      },
      onDay(iv.date),
    );
    expect(await signJudgement(t.db, e1, iv.id, onDay(iv.date))).toEqual({ finalised: false });
    return iv;
  }
  const signatures = async (interviewId: number) =>
    await t.db.selectFrom("interview_assessors").select(["user_id", "signed_at"]).where("interview_id", "=", interviewId).orderBy("user_id").execute();

  it("reschedules: a new place keeps the signatures, a new time clears them; audited; only the coordinator", async () => {
    const { e1, coordinator } = await people();
    const iv = await signedByFirst();
    await expect(rescheduleInterview(t.db, e1, iv.id, { date: iv.date, startTime: "15:00" })).rejects.toMatchObject({ messageKey: "interview.notAssessor" });
    expect(await rescheduleInterview(t.db, coordinator, iv.id, { date: iv.date, startTime: iv.start_time, location: iv.location })).toEqual({ changed: false });

    await rescheduleInterview(t.db, coordinator, iv.id, { date: iv.date, startTime: iv.start_time, location: "Buurthuis De Meeuw" });
    expect((await signatures(iv.id)).find((s) => s.user_id === e1.id)?.signed_at).not.toBeNull();
    expect(await lastDetails("interview.reschedule")).toEqual({
      from: `${iv.date} ${iv.start_time}`,
      to: `${iv.date} ${iv.start_time}`,
      location: { from: iv.location, to: "Buurthuis De Meeuw" },
    });

    // Through the page's form, as a browser without JavaScript posts it.
    const res = await post(
      `/eindgesprekken/${iv.id}`,
      coordinator,
      [
        ["intent", "reschedule"],
        ["date", iv.date],
        ["startTime", "15:30"],
        ["location", "Buurthuis De Meeuw"],
      ],
      interviewAction,
      { id: String(iv.id) },
    );
    expect(res).toEqual({ ok: true, intent: "reschedule", message: "interview.rescheduled" });
    expect((await signatures(iv.id)).every((s) => s.signed_at === null)).toBe(true);
    expect(await lastDetails("interview.reschedule")).toEqual({ from: `${iv.date} ${iv.start_time}`, to: `${iv.date} 15:30`, clearedSignatures: [e1.id] });
    const row = await t.db.selectFrom("interviews").select(["date", "start_time", "location"]).where("id", "=", iv.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ date: iv.date, start_time: "15:30", location: "Buurthuis De Meeuw" });
  });

  it("changes the assessors by the planning rule, clears the signatures, audited; only the coordinator", async () => {
    const { e1, e2, coordinator, trainer2, ready } = await people();
    const iv = await signedByFirst();
    await expect(changeAssessors(t.db, e1, iv.id, { assessorIds: [e1.id, coordinator.id] })).rejects.toMatchObject({ messageKey: "interview.notAssessor" });
    expect((await refusal(changeAssessors(t.db, coordinator, iv.id, { assessorIds: [e1.id] }))).fieldErrors).toEqual({
      assessorIds: "interview.assessorsRequired",
    });
    expect((await refusal(changeAssessors(t.db, coordinator, iv.id, { assessorIds: [e1.id, trainer2.id] }))).fieldErrors).toEqual({
      assessorIds: "interview.assessorsCannotSign",
    });
    expect((await auditRows("interview.assessors")).filter((r) => r.outcome === "failure")).toHaveLength(2);
    // Refused: nothing changed, the signature stands.
    expect((await signatures(iv.id)).map((s) => [s.user_id, s.signed_at !== null])).toEqual(
      [
        [e1.id, true],
        [e2.id, false],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );

    const e3 = await makeUser(t.db, { role: "examiner", name: "Derde Examinator" });
    const res = await post(
      `/eindgesprekken/${iv.id}`,
      coordinator,
      [
        ["intent", "assessors"],
        ["assessorIds", String(e1.id)],
        ["assessorIds", String(e3.id)],
      ],
      interviewAction,
      { id: String(iv.id) },
    );
    expect(res).toEqual({ ok: true, intent: "assessors", message: "interview.assessorsChanged" });
    expect(await signatures(iv.id)).toEqual(
      [
        { user_id: e1.id, signed_at: null },
        { user_id: e3.id, signed_at: null },
      ].sort((a, b) => a.user_id - b.user_id),
    );
    expect(await lastDetails("interview.assessors")).toEqual({
      participantId: ready.id,
      from: expect.arrayContaining([e1.id, e2.id]),
      to: [e1.id, e3.id],
      clearedSignatures: [e1.id],
    });
    // The examiner taken off no longer sees the file; the new one does.
    await expect(saveJudgement(t.db, e2, iv.id, { criteria: {}, competencies: {}, outcome: null, motivation: null, advice: null })).rejects.toMatchObject({
      messageKey: "interview.notAssessor",
    });
  });

  it("cancels with a reason, audited; the participant can be planned again; a finalised interview cannot be cancelled", async () => {
    const { e1, e2, coordinator, ready, certified } = await people();
    const iv = await signedByFirst();
    await expect(cancelInterview(t.db, e1, iv.id, "Ziek.")).rejects.toMatchObject({ messageKey: "interview.notAssessor" });
    // Without a reason the form is refused.
    const noReason = await post(
      `/eindgesprekken/${iv.id}`,
      coordinator,
      [
        ["intent", "cancel"],
        ["reason", ""],
      ],
      interviewAction,
      { id: String(iv.id) },
    );
    expect(noReason.data?.fieldErrors).toEqual({ reason: "form.required" });
    expect(await plannedFor(ready.id)).toHaveLength(1);
    expect((await interviewCandidates(t.db, TODAY)).map((c) => c.id)).not.toContain(ready.id);
    await expect(plan(coordinator, ready.id, [e1.id, e2.id])).rejects.toMatchObject({ messageKey: "interview.alreadyPlanned" });

    const res = await post(
      `/eindgesprekken/${iv.id}`,
      coordinator,
      [
        ["intent", "cancel"],
        ["reason", "De deelnemer is ziek; een nieuwe datum volgt."],
      ],
      interviewAction,
      { id: String(iv.id) },
    );
    expect(res.status).toBe(302);
    expect(res.headers?.get("Location")).toBe("/coordinator/eindgesprekken?afgezegd=1");
    expect(await t.db.selectFrom("interviews").select("id").where("id", "=", iv.id).executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom("interview_criteria").select("interview_id").where("interview_id", "=", iv.id).execute()).toHaveLength(0);
    expect(await lastDetails("interview.cancel")).toEqual({
      participantId: ready.id,
      date: iv.date,
      startTime: iv.start_time,
      location: iv.location,
      assessors: expect.arrayContaining([e1.id, e2.id]),
      signedBy: [e1.id],
      corrects: null,
      reason: "De deelnemer is ziek; een nieuwe datum volgt.",
    });
    // Free again: a candidate on the list, and planned anew.
    expect((await interviewCandidates(t.db, TODAY)).map((c) => c.id)).toContain(ready.id);
    const again = await plan(e1, ready.id, [e1.id, e2.id]);
    expect(await plannedFor(ready.id)).toEqual([{ id: again.id, status: "gepland" }]);

    // The certified participant's interview is finalised: it stays.
    const held = await t.db
      .selectFrom("interviews")
      .select("id")
      .where("participant_id", "=", certified.id)
      .where("status", "=", "afgerond")
      .executeTakeFirstOrThrow();
    await expect(cancelInterview(t.db, coordinator, held.id, "Per ongeluk.")).rejects.toMatchObject({ messageKey: "interview.locked" });
    await expect(changeAssessors(t.db, coordinator, held.id, { assessorIds: [e1.id, coordinator.id] })).rejects.toMatchObject({
      messageKey: "interview.locked",
    });
    await expect(rescheduleInterview(t.db, coordinator, held.id, { date: TODAY, startTime: "10:00" })).rejects.toMatchObject({
      messageKey: "interview.locked",
    });
  });
});
