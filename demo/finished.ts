import type { DB } from "../db/connect";
import { addDays, isoDate } from "./history";
import { emptyLeerdoel, type PopContent } from "../app/rules/pop";
import { issueCertificate } from "../app/services/certificates.server";
import { getVersion } from "../app/services/curriculum.server";
import { saveGop, gopStep } from "../app/services/gop.server";
import { planInterview, saveJudgement, signJudgement } from "../app/services/interviews.server";
import { decidePop, popContext, savePop, submitPop } from "../app/services/pop.server";

/**
 * A cohort that finished its course: one participant already certified, one ready for the
 * final interview (planned in a few days with both demo examiners), one who left, one who
 * still misses practice hours, one ready for the interview with none planned yet (the trainer's
 * and coordinator's "Te doen" shows them), and one who left for health reasons with an approved
 * POP, hours and practice (seed.ts enrols them again in the running cohort: coming back after a
 * break, issue 29 point 9). Deterministic for a given `now`.
 */
export async function seedFinishedCohort(
  db: DB,
  opts: {
    cohortId: number;
    start: string;
    trainer: { id: number; role: "trainer"; name: string };
    examiners: [{ id: number; role: "examiner" }, { id: number; role: "examiner" }];
    /**
     * candidate and returning: the demo's; other callers (e2e factories) leave them out. alsoCertified:
     * more people with the certified one's whole path (the demo's older alumni cohort, issue 31);
     * a cohort of alumni only leaves ready, left and behind out.
     */
    participants: {
      certified: number;
      alsoCertified?: number[];
      ready?: number;
      left?: number;
      behind?: number;
      candidate?: number;
      returning?: number;
    };
    /** how long ago the certified people's interviews were held (default 21 days) */
    heldDaysAgo?: number;
    verifyBase: string;
    now: Date;
  },
): Promise<void> {
  const { cohortId, start, trainer, now } = opts;
  const stamp = now.toISOString();
  const certified = [opts.participants.certified, ...(opts.participants.alsoCertified ?? [])];
  const all = [
    ...certified,
    opts.participants.ready,
    opts.participants.left,
    opts.participants.behind,
    opts.participants.candidate,
    opts.participants.returning,
  ].filter((p): p is number => p !== undefined);
  const cohort = await db.selectFrom("cohorts").select("leerlijn_version_id").where("id", "=", cohortId).executeTakeFirstOrThrow();
  const version = (await getVersion(db, cohort.leerlijn_version_id))!;
  const leftOn = addDays(start, 6 * 7);
  /** the returning participant stopped after eight weeks, for their health */
  const returningLeftOn = addDays(start, 8 * 7);
  const leftOf = new Map<number | undefined, string>([
    [opts.participants.left, leftOn],
    [opts.participants.returning, returningLeftOn],
  ]);

  await db.transaction().execute(async (trx) => {
    if (opts.participants.left !== undefined)
      await trx
        .updateTable("enrolments")
        .set({ left_on: leftOn, left_reason: "werk", left_note: "Nieuwe baan met andere werktijden." })
        .where("cohort_id", "=", cohortId)
        .where("participant_id", "=", opts.participants.left)
        .execute();
    if (opts.participants.returning !== undefined)
      await trx
        .updateTable("enrolments")
        .set({ left_on: returningLeftOn, left_reason: "gezondheid", left_note: "Stopt om gezondheidsredenen; wil later opnieuw beginnen." })
        .where("cohort_id", "=", cohortId)
        .where("participant_id", "=", opts.participants.returning)
        .execute();
    const group = await trx
      .insertInto("intervisie_groups")
      .values({ cohort_id: cohortId, name: "Groep Noord", created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("intervisie_group_members")
      .values(all.map((participant_id) => ({ group_id: group.id, participant_id })))
      .execute();
    const trainings = await trx
      .selectFrom("trainings")
      .select(["id", "code", "title"])
      .where("leerlijn_version_id", "=", cohort.leerlijn_version_id)
      .orderBy("position")
      .execute();
    const chosen = trainings.filter((t) => t.code !== "verbindend-communiceren");
    for (const pid of all) {
      for (const t of chosen) {
        await trx
          .insertInto("training_choices")
          .values({
            cohort_id: cohortId,
            participant_id: pid,
            training_id: t.id,
            status: "bevestigd",
            leerdoel: null,
            assigned_by: null,
            created_at: `${start}T10:00:00.000Z`,
            updated_at: `${start}T10:00:00.000Z`,
          })
          .execute();
      }
    }
    const meetings: { id: number; date: string; type: "les" | "training" | "intervisie" }[] = [];
    const add = async (
      type: "les" | "training" | "intervisie",
      title: string,
      date: string,
      startTime: string,
      endTime: string,
      extra: { training_id?: number; intervisie_group_id?: number } = {},
    ) => {
      const s = await trx
        .insertInto("course_sessions")
        .values({
          cohort_id: cohortId,
          type,
          title,
          date,
          start_time: startTime,
          end_time: endTime,
          location: "Vrijwilligersacademie, Amsterdam",
          online_url: null,
          training_id: extra.training_id ?? null,
          intervisie_group_id: extra.intervisie_group_id ?? null,
          programme: "[]",
          assignment: null,
          status: "planned",
          cancel_reason: null,
          attendance_revision: 1,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("session_trainers").values({ session_id: s.id, user_id: trainer.id }).execute();
      meetings.push({ id: s.id, date, type });
    };
    for (let w = 0; w < 20; w++) {
      await add("les", `Les ${w + 1}`, addDays(start, w * 7 + 1), "13:30", "16:30");
      if (w % 2 === 1) await add("intervisie", "Intervisie", addDays(start, w * 7 + 4), "10:00", "12:00", { intervisie_group_id: group.id });
    }
    for (const [k, t] of chosen.entries()) await add("training", t.title, addDays(start, (k + 2) * 28 + 3), "10:00", "13:00", { training_id: t.id });
    for (const s of meetings) {
      for (const pid of all) {
        const left = leftOf.get(pid);
        if (left !== undefined && s.date > left) continue;
        const missed = pid === opts.participants.behind && s.type === "les" && s.date < addDays(start, 3 * 7);
        await trx
          .insertInto("attendance")
          .values({
            session_id: s.id,
            participant_id: pid,
            status: missed ? "afgemeld" : "aanwezig",
            minutes_missed: 0,
            active: missed ? 0 : 1,
            note: null,
            recorded_by: trainer.id,
            recorded_at: `${s.date}T17:00:00.000Z`,
            makeup_status: null,
            makeup_description: null,
            makeup_granted_by: null,
            makeup_granted_at: null,
            makeup_done_by: null,
            makeup_done_at: null,
          })
          .execute();
      }
    }
    const supervisors = ["Sanne de Wit", "Mohamed Amrani", "Ilse Verbeek", "Marco Tjon", "Esra Kaya", "Gerard Bos"];
    for (const [i, pid] of all.entries()) {
      const name = supervisors[i];
      await trx
        .insertInto("placements")
        .values({
          participant_id: pid,
          organisation: "Buurtteam Amsterdam-Noord",
          team: "Team Nieuwendam",
          supervisor_name: name,
          supervisor_email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@buurtteam.test`,
          supervisor_phone: null,
          updated_by: pid,
          updated_at: `${start}T09:00:00.000Z`,
        })
        .execute();
      const entries = pid === opts.participants.left ? 8 : pid === opts.participants.returning ? 12 : pid === opts.participants.behind ? 20 : 31;
      for (let k = 0; k < entries; k++) {
        const date = addDays(start, 2 + k * 4);
        await trx
          .insertInto("practice_entries")
          .values({
            participant_id: pid,
            date,
            minutes: 120,
            activity: ["huisbezoek", "teamoverleg", "casusbespreking", "spreekuur"][k % 4],
            description: ["Huisbezoek samen met een collega.", "Teamoverleg van het buurtteam.", "Casusbespreking in het team.", "Spreekuur in de wijk."][
              k % 4
            ],
            reflection: "Ik bleef bij de vraag van de bewoner en hield mijn eigen verhaal kort.",
            status: "bevestigd",
            decided_how: "werkbegeleider",
            decided_by: null,
            decided_by_name: name,
            decided_link_id: null,
            decision_comment: null,
            decided_at: `${addDays(date, 5)}T15:00:00.000Z`,
            created_at: `${date}T18:00:00.000Z`,
            updated_at: `${addDays(date, 5)}T15:00:00.000Z`,
          })
          .execute();
      }
    }
  });

  // Plans: each POP approved; the GOP written together and approved.
  const goal = (doel: string, competentie: string) => ({
    ...emptyLeerdoel(),
    doel,
    competentie,
    acties: "Oefenen in de praktijk en bespreken in de intervisie.",
    wieHelpt: "Mijn werkbegeleider.",
    wanneer: "Tijdens de leerlijn.",
    bewijs: "Verslag van drie gesprekken.",
  });
  const plan: PopContent = {
    wieBenIk: "",
    sterkeKanten: "Ik luister goed en blijf rustig.",
    ontwikkelpunten: "Mijn grenzen aangeven.",
    leerdoelen: [goal("Ik stel in elk gesprek open vragen.", "contact"), goal("Ik bewaak mijn grenzen in het team.", "leefwereld")],
  };
  const past = (days: number) => new Date(new Date(`${addDays(start, days)}T10:00:00Z`).getTime());
  const approved = [...certified, opts.participants.ready, opts.participants.behind, opts.participants.candidate, opts.participants.returning];
  for (const pid of approved.filter((p): p is number => p !== undefined)) {
    const p = { id: pid, role: "participant" as const };
    await savePop(db, p, { content: plan, storyConsent: false }, past(14));
    await submitPop(db, p, (await popContext(db, p, pid))!, past(15));
    await decidePop(db, trainer, pid, { action: "approve", version: 1, note: "Helder plan." }, past(17));
  }
  const author = { id: opts.participants.certified, role: "participant" as const };
  await saveGop(
    db,
    author,
    cohortId,
    {
      baseVersion: 0,
      content: {
        goals: [{ doel: "We geven elkaar feedback", actie: "Na elke les een tip en een top", wie: "Iedereen", wanneer: "Elke les" }],
        agreements: "We laten elkaar uitpraten. Wat iemand vertelt, blijft in de groep.",
        evaluation: "We zijn gegroeid in open vragen stellen.",
      },
    },
    past(120),
  );
  await gopStep(db, author, cohortId, { action: "submit", version: 1, note: null }, past(121));
  await gopStep(db, trainer, cohortId, { action: "approve", version: 1, note: null }, past(122));

  // The certified participants: interview held three weeks ago (or heldDaysAgo), signed by both examiners.
  const heldOn = new Date(now.getTime() - (opts.heldDaysAgo ?? 21) * 86_400_000);
  const [e1, e2] = opts.examiners;
  const criteria = Object.fromEntries(
    version.definition.competencies.flatMap((c) =>
      c.criteria.map((x) => [
        x.code,
        { demonstrated: true, justification: "Liet dit zien in een situatie uit de praktijk (STARR), bevestigd door het praktijklogboek." },
      ]),
    ),
  );
  const competencies = Object.fromEntries(version.definition.competencies.map((c, i) => [c.code, i % 2 === 0 ? ("goed" as const) : ("voldoende" as const)]));
  for (const [i, participantId] of certified.entries()) {
    const held = await planInterview(
      db,
      e1,
      {
        participantId,
        date: isoDate(heldOn),
        startTime: ["10:00", "11:30", "13:30", "15:00"][i % 4],
        location: "Vrijwilligersacademie, Amsterdam",
        assessorIds: [e1.id, e2.id],
      },
      heldOn,
    );
    await saveJudgement(
      db,
      e1,
      held.id,
      {
        criteria,
        competencies,
        outcome: "geslaagd",
        motivation: "Alle criteria zijn aangetoond met eigen voorbeelden uit de praktijk.",
        advice: "Blijf intervisie zoeken na de leerlijn.",
      },
      heldOn,
    );
    await signJudgement(db, e1, held.id, heldOn);
    await signJudgement(db, e2, held.id, heldOn);
    await issueCertificate(db, e1, participantId, {
      verifyBase: opts.verifyBase,
      today: isoDate(now),
      now: new Date(heldOn.getTime() + 2 * 86_400_000),
    });
  }

  // The participant ready for the interview: planned in three days with both examiners.
  if (opts.participants.ready === undefined) return;
  await planInterview(
    db,
    e1,
    {
      participantId: opts.participants.ready,
      date: addDays(isoDate(now), 3),
      startTime: "14:00",
      location: "Vrijwilligersacademie, Amsterdam",
      assessorIds: [e1.id, e2.id],
    },
    now,
  );
}
