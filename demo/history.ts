import type { Transaction } from "kysely";
import type { AttendanceStatusCode, Database } from "../db/schema";

/**
 * A realistic past for the demo cohort: about ten weeks of weekly lessons, two trainings,
 * three intervisie groups meeting every other week, attendance with the usual exceptions
 * (late, absent with notice, a make-up assignment), and the weeks still to come.
 * Deterministic: the same `now` gives the same data.
 */

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

/** The Monday of the week `weeksBack` weeks before `now`. */
export function mondayWeeksBefore(now: Date, weeksBack: number): string {
  const today = isoDate(now);
  const dow = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  const monday = addDays(today, -((dow + 6) % 7));
  return addDays(monday, -7 * weeksBack);
}

const LESSONS: { title: string; programme: [number, string][]; assignment?: string }[] = [
  {
    title: "Kennismaking en herstel",
    programme: [
      [15, "welkom"],
      [30, "kennismaken in tweetallen"],
      [60, "thema herstel"],
      [15, "pauze"],
      [45, "oefening: mijn herstelverhaal in drie zinnen"],
      [15, "afsluiting"],
    ],
    assignment: "Schrijf in een halve pagina wat herstel voor jou betekent.",
  },
  {
    title: "Empowerment en eigen regie",
    programme: [
      [15, "welkom"],
      [30, 'oefening "over de lijn"'],
      [60, "thema empowerment"],
      [15, "pauze"],
      [60, "casus in groepjes"],
    ],
    assignment: "Beschrijf een moment waarop jij een bewoner de regie liet houden.",
  },
  {
    title: "Van ervaringskennis naar ervaringsdeskundigheid",
    programme: [
      [15, "welkom"],
      [75, "drie soorten kennis"],
      [15, "pauze"],
      [60, "oefenen met je verhaal inzetten"],
      [15, "afsluiting"],
    ],
  },
  {
    title: "Stigma en zelfstigma",
    programme: [
      [15, "welkom"],
      [60, "thema stigma"],
      [15, "pauze"],
      [75, "rollenspel"],
      [15, "afsluiting"],
    ],
    assignment: "Waar merk jij stigma in je werk? Geef één voorbeeld zonder namen.",
  },
  {
    title: "Kwartiermaken in de buurt",
    programme: [
      [15, "welkom"],
      [60, "wat is kwartiermaken"],
      [15, "pauze"],
      [75, "wandeling en nagesprek"],
      [15, "afsluiting"],
    ],
  },
  {
    title: "Peer support",
    programme: [
      [15, "welkom"],
      [60, "thema peer support"],
      [15, "pauze"],
      [75, "oefenen in drietallen"],
      [15, "afsluiting"],
    ],
  },
  {
    title: "Samenwerken met sociaal werkers",
    programme: [
      [15, "welkom"],
      [60, "de rol van ervaringsdeskundige in het team"],
      [15, "pauze"],
      [75, "gastspreker uit een buurtteam"],
      [15, "afsluiting"],
    ],
    assignment: "Bespreek met een collega hoe jullie samenwerken en schrijf op wat je opviel.",
  },
  {
    title: "Het perspectief van de bewoner",
    programme: [
      [15, "welkom"],
      [75, "leefwereld en systeemwereld"],
      [15, "pauze"],
      [60, "casus"],
      [15, "afsluiting"],
    ],
  },
  {
    title: "Grenzen en zelfzorg",
    programme: [
      [15, "welkom"],
      [60, "thema zelfzorg"],
      [15, "pauze"],
      [75, "eigen signaleringsplan"],
      [15, "afsluiting"],
    ],
  },
  {
    title: "Methodisch werken",
    programme: [
      [15, "welkom"],
      [60, "werken vanuit de vraag van de bewoner"],
      [15, "pauze"],
      [75, "oefenen met STARR"],
      [15, "afsluiting"],
    ],
    assignment: "Beschrijf een situatie uit je werk volgens STARR.",
  },
  {
    title: "Eigen verhaal en professionaliteit",
    programme: [
      [15, "welkom"],
      [75, "wanneer deel je je verhaal?"],
      [15, "pauze"],
      [75, "oefenen"],
    ],
  },
  {
    title: "Voorbereiding op het eindgesprek",
    programme: [
      [15, "welkom"],
      [60, "de criteria"],
      [15, "pauze"],
      [90, "oefeninterviews"],
    ],
  },
];

const LEARNING_POINTS = [
  "Eerst vragen wat iemand zelf wil, dan pas iets voorstellen.",
  "Het helpt om hardop te zeggen waar mijn grens ligt.",
  "Stilte laten vallen geeft de ander ruimte.",
  "Ik hoef niet alles op te lossen; er zijn is ook iets.",
  "Mijn eigen ervaring kort houden en teruggaan naar de ander.",
];

export async function seedDemoHistory(
  trx: Transaction<Database>,
  opts: { cohortId: number; versionId: number; trainerId: number; participantIds: number[]; start: string; now: Date },
): Promise<void> {
  const random = rng(20260907);
  const stamp = opts.now.toISOString();
  const today = isoDate(opts.now);

  // Three intervisie groups of four.
  const groupIds: number[] = [];
  for (const [g, name] of ["Groep A", "Groep B", "Groep C"].entries()) {
    const group = await trx
      .insertInto("intervisie_groups")
      .values({ cohort_id: opts.cohortId, name, created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    groupIds.push(group.id);
    await trx
      .insertInto("intervisie_group_members")
      .values(opts.participantIds.slice(g * 4, g * 4 + 4).map((participant_id) => ({ group_id: group.id, participant_id })))
      .execute();
  }
  const trainings = await trx
    .selectFrom("trainings")
    .select(["id", "code", "title"])
    .where("leerlijn_version_id", "=", opts.versionId)
    .orderBy("position")
    .execute();

  type Planned = {
    type: "les" | "training" | "intervisie";
    title: string;
    date: string;
    start: string;
    end: string;
    trainingId?: number;
    groupId?: number;
    programme?: [number, string][];
    assignment?: string;
    cancelled?: string;
    /** held, but its attendance is not recorded yet */
    unrecorded?: boolean;
  };
  const planned: Planned[] = [];
  for (let week = 0; week < 20; week++) {
    const monday = addDays(opts.start, week * 7);
    const lesson = LESSONS[week % LESSONS.length];
    planned.push({
      type: "les",
      title: lesson.title,
      date: addDays(monday, 1),
      start: "13:30",
      end: "16:30",
      programme: lesson.programme,
      assignment: lesson.assignment,
      cancelled: week === 5 ? "Trainer ziek; de les wordt niet ingehaald." : undefined,
    });
    if (week % 2 === 1) {
      for (const groupId of groupIds)
        planned.push({ type: "intervisie", title: "Intervisie", date: addDays(monday, 4), start: "10:00", end: "12:00", groupId });
    }
  }
  const grenzen = trainings.find((t) => t.code === "grenzen-stellen");
  const vragen = trainings.find((t) => t.code === "beter-vragen-stellen");
  const verbindend = trainings.find((t) => t.code === "verbindend-communiceren");
  // Everyone chose two trainings (12 elective hours), except the last participant, who chose one
  // and can still choose a second. Past trainings are confirmed; the upcoming one partly so.
  const pattern = [
    [grenzen, vragen],
    [grenzen, verbindend],
    [vragen, verbindend],
  ];
  const places = new Map<number, Set<number>>();
  for (const [i, participantId] of opts.participantIds.entries()) {
    const chosen = (i === opts.participantIds.length - 1 ? [vragen] : pattern[i % 3]).filter((t): t is NonNullable<typeof t> => Boolean(t));
    places.set(participantId, new Set(chosen.map((t) => t.id)));
    for (const t of chosen) {
      const upcoming = t === verbindend;
      await trx
        .insertInto("training_choices")
        .values({
          cohort_id: opts.cohortId,
          participant_id: participantId,
          training_id: t.id,
          status: upcoming && i % 2 === 0 ? "gekozen" : "bevestigd",
          leerdoel: t === vragen && i < 3 ? "In elk gesprek stel ik minstens drie open vragen." : null,
          assigned_by: null,
          created_at: `${addDays(opts.start, 7 + i)}T10:00:00.000Z`,
          updated_at: `${addDays(opts.start, 7 + i)}T10:00:00.000Z`,
        })
        .execute();
    }
  }
  if (grenzen)
    planned.push({
      type: "training",
      title: grenzen.title,
      date: addDays(opts.start, 3 * 7 + 3),
      start: "10:00",
      end: "13:00",
      trainingId: grenzen.id,
      programme: [
        [15, "welkom"],
        [60, "waar ligt mijn grens?"],
        [15, "pauze"],
        [90, "oefenen met nee zeggen"],
      ],
    });
  if (verbindend)
    planned.push({
      type: "training",
      title: verbindend.title,
      date: addDays(opts.start, 12 * 7 + 3),
      start: "10:00",
      end: "13:00",
      trainingId: verbindend.id,
      programme: [
        [15, "welkom"],
        [60, "waarnemen zonder oordeel"],
        [15, "pauze"],
        [90, "oefenen met gevoel en behoefte"],
      ],
    });
  if (vragen)
    planned.push({
      type: "training",
      title: vragen.title,
      date: addDays(opts.start, 6 * 7 + 3),
      start: "10:00",
      end: "13:00",
      trainingId: vragen.id,
      programme: [
        [15, "welkom"],
        [75, "open en gesloten vragen"],
        [15, "pauze"],
        [75, "oefenen in drietallen"],
      ],
    });
  // An extra intervisie of the last group on the last weekday before today, its attendance not
  // recorded yet: the trainer's "Te doen" has a meeting to fill in (issue 29). Added, not taken from
  // the rest, so everyone's figures stay as they were.
  let extraDay = addDays(today, -1);
  while ([0, 6].includes(new Date(`${extraDay}T12:00:00Z`).getUTCDay())) extraDay = addDays(extraDay, -1);
  const lastGroup = groupIds[groupIds.length - 1];
  if (lastGroup !== undefined && extraDay > opts.start)
    planned.push({ type: "intervisie", title: "Intervisie", date: extraDay, start: "10:00", end: "12:00", groupId: lastGroup, unrecorded: true });
  planned.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));

  let meetingCounter = 0;
  for (const p of planned) {
    const meeting = await trx
      .insertInto("course_sessions")
      .values({
        cohort_id: opts.cohortId,
        type: p.type,
        title: p.title,
        date: p.date,
        start_time: p.start,
        end_time: p.end,
        location: p.type === "intervisie" ? "Buurthuis De Meeuw, Amsterdam-Noord" : "Vrijwilligersacademie, Amsterdam",
        online_url: null,
        training_id: p.trainingId ?? null,
        intervisie_group_id: p.groupId ?? null,
        programme: JSON.stringify((p.programme ?? []).map(([minutes, title]) => ({ minutes, title }))),
        assignment: p.assignment ?? null,
        status: p.cancelled ? "cancelled" : "planned",
        cancel_reason: p.cancelled ?? null,
        attendance_revision: 0,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("session_trainers").values({ session_id: meeting.id, user_id: opts.trainerId }).execute();
    if (p.cancelled || p.unrecorded || p.date >= today) continue;

    const expected = p.groupId
      ? opts.participantIds.slice(groupIds.indexOf(p.groupId) * 4, groupIds.indexOf(p.groupId) * 4 + 4)
      : p.trainingId
        ? opts.participantIds.filter((id) => places.get(id)?.has(p.trainingId!))
        : opts.participantIds;
    for (const participantId of expected) {
      const r = random();
      // deelnemer1 (the demo participant) always shows a complete, good record.
      const status: AttendanceStatusCode =
        participantId === opts.participantIds[0] ? "aanwezig" : r < 0.78 ? "aanwezig" : r < 0.88 ? "te_laat" : r < 0.95 ? "afgemeld" : "afwezig";
      // A make-up only for lessons and trainings (the template's rule); the roll is made for every
      // "afgemeld" so the rest of the demo data stays the same.
      const makeupRoll = status === "afgemeld" ? random() : null;
      const makeup = makeupRoll !== null && !p.groupId ? (makeupRoll < 0.5 ? ("done" as const) : ("granted" as const)) : null;
      await trx
        .insertInto("attendance")
        .values({
          session_id: meeting.id,
          participant_id: participantId,
          status,
          minutes_missed: status === "te_laat" ? 15 + Math.floor(random() * 3) * 15 : 0,
          active: status === "aanwezig" || status === "te_laat" ? (random() < 0.95 || participantId === opts.participantIds[0] ? 1 : 0) : 0,
          note: status === "afgemeld" ? "Afgemeld wegens afspraak" : null,
          recorded_by: opts.trainerId,
          recorded_at: `${p.date}T16:45:00.000Z`,
          makeup_status: makeup,
          makeup_description: makeup ? "Lees het hoofdstuk en schrijf een reflectie van een halve pagina." : null,
          makeup_granted_by: makeup ? opts.trainerId : null,
          makeup_granted_at: makeup ? `${p.date}T17:00:00.000Z` : null,
          makeup_done_by: null,
          makeup_done_at: null,
        })
        .execute();
    }
    await trx.updateTable("course_sessions").set({ attendance_revision: 1 }).where("id", "=", meeting.id).execute();
    if (p.type === "intervisie") {
      const group = expected;
      meetingCounter += 1;
      await trx
        .insertInto("intervisie_meetings")
        .values({
          session_id: meeting.id,
          method: ["incidentmethode", "roddelmethode", "balint"][meetingCounter % 3],
          method_other: null,
          inbrenger_id: group[meetingCounter % group.length],
          theme: [
            "Grenzen bewaken",
            "Afstand en nabijheid",
            "De eigen rol ontdekken",
            "Omgaan met stress en kwetsbaarheid",
            "Samenwerken met (andere) professionals",
          ][meetingCounter % 5],
          learning_points: LEARNING_POINTS[meetingCounter % LEARNING_POINTS.length],
          recorded_by: opts.trainerId,
          updated_at: `${p.date}T12:15:00.000Z`,
        })
        .execute();
    }
  }
  // Mark make-ups done with a date, so the record shows when it was made up.
  await trx.updateTable("attendance").set({ makeup_done_by: opts.trainerId, makeup_done_at: stamp }).where("makeup_status", "=", "done").execute();
}
