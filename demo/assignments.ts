import { expectedParticipants } from "../app/services/attendance.server";
import { deadlineOf } from "../app/services/assignments.server";
import type { DB } from "../db/connect";
import { addDays, rng } from "./history";

/**
 * Answers to the oefenopdrachten of the demo cohort's past lessons, in every stage: the older
 * ones mostly read, given feedback and marked done; the newer ones handed in and waiting, a few
 * late, a few still missing. deelnemer1 has everything done; deelnemer6 has not yet handed in
 * the newest one (the browser test hands it in). No answer names or describes a resident.
 * Deterministic for a given `now`.
 */

const ANSWERS: { match: RegExp; texts: string[] }[] = [
  {
    match: /herstel/i,
    texts: [
      "Herstel is voor mij niet dat alles weer wordt zoals vroeger. Het is dat ik zelf weer keuzes maak. Ik merkte dat vooral toen ik weer ging werken.",
      "Voor mij betekent herstel: weer verbinding voelen met anderen. Het ging met vallen en opstaan. Dat vertel ik nu ook in mijn werk.",
      "Herstel is een weg, geen eindpunt. Ik heb geleerd dat een slechte week er mag zijn zonder dat alles weg is.",
    ],
  },
  {
    match: /regie/i,
    texts: [
      "In een gesprek wilde ik een oplossing geven. Ik heb me ingehouden en gevraagd wat de bewoner zelf al had geprobeerd. Daar kwam een eigen plan uit.",
      "Ik liet de bewoner zelf kiezen waar we afspraken: thuis of in het buurthuis. Een kleine keuze, maar het gaf rust.",
      "Tijdens een huisbezoek besloot de bewoner zelf welke brief eerst moest. Ik volgde. Dat voelde eerst onwennig.",
    ],
  },
  {
    match: /stigma/i,
    texts: [
      "In het teamoverleg werd over 'zo'n type' gesproken. Ik heb gevraagd wat we eigenlijk weten van die persoon. Het gesprek werd daarna anders.",
      "Ik merk stigma vooral bij mezelf: ik schaam me soms nog voor mijn verleden. Daar werk ik aan in de intervisie.",
      "Een collega dacht dat iemand met schulden 'niet met geld kan omgaan'. Ik vertelde kort hoe dat bij mij ging. Dat hielp.",
    ],
  },
  {
    match: /samenwerk|collega/i,
    texts: [
      "Met mijn collega sprak ik af dat ik meega bij eerste gesprekken. Wat me opviel: zij vraagt snel naar formulieren, ik naar het verhaal.",
      "We werken goed samen, maar ik word soms als extra hulpverlener gezien. We spraken af dat ik vooral het perspectief van de bewoner inbreng.",
      "Mijn collega vond het fijn dat ik in het overleg vaker vraag wat de bewoner zelf wil. Ik ga dat blijven doen.",
    ],
  },
  {
    match: /STARR/i,
    texts: [
      "S: een spreekuur in de wijk. T: ik zat er als ervaringsdeskundige bij. A: ik vroeg door op wat de bewoner zelf wilde. R: er kwam een eigen plan. R: ik had eerder kunnen vragen.",
      "Situatie: teamoverleg over een gezin. Taak: het perspectief van het gezin inbrengen. Actie: ik stelde open vragen. Resultaat: het plan werd kleiner en haalbaarder. Reflectie: ik durf meer te zeggen.",
    ],
  },
];

const GENERIC = [
  "Ik heb de opdracht gedaan en ben er in mijn werk mee bezig geweest. Wat ik vooral leerde: eerst luisteren, dan pas iets zeggen.",
  "Ik merkte dat ik deze week bewuster keek naar mijn eigen rol in het team. Dat wil ik vasthouden.",
];

const FEEDBACK = [
  "Mooi en eerlijk beschreven. Neem dit voorbeeld mee naar je POP.",
  "Goed dat je de bewoner de ruimte gaf. Wat deed dat met jou?",
  "Helder. Probeer de volgende keer ook op te schrijven wat je anders zou doen.",
  "Sterk voorbeeld, en zonder herkenbare details. Zo hoort het.",
  "Dank je. Bespreek dit gerust in je intervisiegroep.",
];

function answerText(title: string, assignment: string, pick: number): string {
  const set = ANSWERS.find((a) => a.match.test(assignment) || a.match.test(title))?.texts ?? GENERIC;
  return set[pick % set.length];
}

/** A moment on a given day (Amsterdam evening), never later than `now`. */
function momentOn(date: string, hourUtc: number, now: Date): string {
  const t = new Date(`${date}T${String(hourUtc).padStart(2, "0")}:15:00.000Z`);
  return (t.getTime() < now.getTime() ? t : new Date(now.getTime() - 3_600_000)).toISOString();
}

export async function seedDemoAssignments(db: DB, opts: { cohortId: number; trainerId: number; now: Date }): Promise<void> {
  const random = rng(20261201);
  const today = opts.now.toISOString().slice(0, 10);
  const planned = await db
    .selectFrom("course_sessions")
    .select(["id", "cohort_id", "type", "title", "date", "start_time", "training_id", "intervisie_group_id", "assignment", "assignment_due"])
    .where("cohort_id", "=", opts.cohortId)
    .where("status", "=", "planned")
    .orderBy("date")
    .orderBy("start_time")
    .execute();
  const past = planned.filter((s) => s.assignment !== null && s.date < today);
  if (past.length === 0) return;
  // Runs once: a cohort that already has answers is left alone.
  const existing = await db
    .selectFrom("assignment_answers")
    .select("id")
    .where(
      "session_id",
      "in",
      past.map((s) => s.id),
    )
    .limit(1)
    .executeTakeFirst();
  if (existing) return;
  const enrolled = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select(["u.id", "u.email"])
    .where("e.cohort_id", "=", opts.cohortId)
    .execute();
  // Position in the demo (deelnemer1 = 0 …), from the e-mail address; others come after.
  const position = new Map(enrolled.map((p) => [p.id, Number(/^deelnemer(\d+)@/.exec(p.email)?.[1] ?? 99) - 1]));
  const rows = [];
  for (const [k, s] of past.entries()) {
    const newest = k === past.length - 1;
    const age = past.length - 1 - k; // 0 = newest
    const deadline = deadlineOf(s, planned) ?? addDays(s.date, 7);
    for (const p of await expectedParticipants(db, s)) {
      const i = position.get(p.id) ?? 99;
      const r = random();
      const first = i === 0;
      // Who has not handed in: deelnemer6 the newest; a few others now and then; the last one often.
      const missing =
        !first && ((i === 5 && newest) || (i === 11 && age <= 2 && age !== 1) || (i === 10 && age === 3) || (newest && r < 0.3) || (age === 1 && r < 0.12));
      if (missing) continue;
      const late = !first && age >= 1 && r > 0.9;
      const submitted = momentOn(
        late ? addDays(deadline, 1 + (i % 2)) : addDays(s.date, Math.min(1 + (i % 4), Math.max(0, dayDiff(s.date, deadline)))),
        19,
        opts.now,
      );
      const edited = r > 0.7 && !late ? momentOn(addDays(submitted.slice(0, 10), 1), 8, opts.now) : submitted;
      const updated = edited > submitted ? edited : submitted;
      // Older answers are read: feedback and done; the second newest partly; the newest waits (except deelnemer1).
      const reviewed = first || age >= 2 || (age === 1 && r < 0.55);
      const withFeedback = reviewed && (first || r < 0.8);
      const done = reviewed && (first || age >= 2 || r < 0.35);
      const reviewMoment = momentOn(addDays(updated.slice(0, 10) > deadline ? updated.slice(0, 10) : deadline, 1), 9, opts.now);
      const reviewedAt = reviewMoment > updated ? reviewMoment : updated;
      rows.push({
        session_id: s.id,
        participant_id: p.id,
        text: answerText(s.title, s.assignment ?? "", i + k),
        submitted_at: submitted,
        updated_at: updated,
        feedback: withFeedback ? FEEDBACK[(i + k) % FEEDBACK.length] : null,
        feedback_by: withFeedback ? opts.trainerId : null,
        feedback_at: withFeedback ? reviewedAt : null,
        done_at: done ? reviewedAt : null,
        done_by: done ? opts.trainerId : null,
      });
    }
  }
  if (rows.length) await db.insertInto("assignment_answers").values(rows).execute();
}

function dayDiff(from: string, to: string): number {
  return Math.round((new Date(`${to}T12:00:00Z`).getTime() - new Date(`${from}T12:00:00Z`).getTime()) / 86_400_000);
}
