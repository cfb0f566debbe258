import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { addDays, isoDate, rng } from "./history";
import type { Database } from "../db/schema";

/**
 * Leerplekken and practice logs for the demo cohort, at different stages: the first participants
 * near the 60 hours, most half-way, the last one just begun. Most entries were confirmed by the
 * werkbegeleider through a (now spent) link, some by the trainer, one rejected with a comment,
 * and the newest ones still open. Deterministic for a given `now`.
 */
const TEAMS = [
  ["Buurtteam Amsterdam-Noord", "Team Banne Buiksloot", "Sanne de Wit"],
  ["Buurtteam Amsterdam-Oost", "Team Indische Buurt", "Mohamed Amrani"],
  ["Buurtteam Amsterdam Nieuw-West", "Team Geuzenveld", "Ilse Verbeek"],
  ["Buurtteam Amsterdam-Zuidoost", "Team Bijlmer-Centrum", "Marco Tjon"],
] as const;

const WORK: { activity: string; minutes: number[]; description: string; reflection: string }[] = [
  {
    activity: "huisbezoek",
    minutes: [90, 120, 150],
    description: "Huisbezoek met een collega bij een bewoner met schulden.",
    reflection: "Ik liet de bewoner eerst zelf vertellen. Mijn eigen verhaal hield ik kort; dat gaf ruimte.",
  },
  {
    activity: "teamoverleg",
    minutes: [60, 90],
    description: "Wekelijks teamoverleg van het buurtteam.",
    reflection: "Ik vroeg hoe de bewoner zelf naar de situatie kijkt. Het team nam dat mee in het plan.",
  },
  {
    activity: "casusbespreking",
    minutes: [60, 75, 90],
    description: "Casusbespreking over een gezin dat dakloos dreigt te worden.",
    reflection: "Ik merkte dat ik snel wilde helpen. Ik heb eerst gevraagd wat het gezin zelf wil.",
  },
  {
    activity: "groepsactiviteit",
    minutes: [120, 180],
    description: "Inloopochtend in het buurthuis, samen met vrijwilligers.",
    reflection: "Door mijn eigen ervaring te noemen, durfde iemand over zijn schaamte te praten.",
  },
  {
    activity: "voorlichting",
    minutes: [90, 120],
    description: "Voorlichting aan nieuwe collega's over ervaringsdeskundigheid.",
    reflection: "Uitleggen wat herstel is, lukt me steeds beter. Ik gebruikte een voorbeeld zonder namen.",
  },
  {
    activity: "spreekuur",
    minutes: [120, 150, 180],
    description: "Spreekuur in de wijk, samen met een sociaal werker.",
    reflection: "Ik lette op mijn grens: na drie gesprekken nam ik even pauze.",
  },
];

/** Target confirmed hours per participant (by position), then open hours on top. */
const STAGES: [number, number][] = [
  [57, 4.5],
  [52, 3],
  [45, 2],
  [38, 3],
  [34, 2],
  [30, 4],
  [27, 2],
  [24, 3],
  [20, 2],
  [16, 3],
  [12, 2],
  [6, 1.5],
];

export async function seedDemoPractice(
  trx: Transaction<Database>,
  opts: { cohortId: number; trainerId: number; trainerName: string; participantIds: number[]; start: string; now: Date },
): Promise<void> {
  const random = rng(20261122);
  const today = isoDate(opts.now);
  for (const [i, participantId] of opts.participantIds.entries()) {
    const [organisation, team, supervisor] = TEAMS[i % TEAMS.length];
    const email = `${supervisor.toLowerCase().replace(/[^a-z]+/g, ".")}@buurtteam.test`;
    await trx
      .insertInto("placements")
      .values({
        participant_id: participantId,
        organisation,
        team,
        supervisor_name: supervisor,
        supervisor_email: email,
        supervisor_phone: i % 2 === 0 ? `020 555 ${String(1000 + i * 37).slice(0, 4)}` : null,
        updated_by: participantId,
        updated_at: `${addDays(opts.start, 2)}T09:00:00.000Z`,
      })
      .execute();

    // A spent link through which the werkbegeleider confirmed the earlier weeks.
    const link = await trx
      .insertInto("supervisor_links")
      .values({
        participant_id: participantId,
        token_hash: createHash("sha256").update(`demo-spent-link-${participantId}`).digest("hex"),
        supervisor_name: supervisor,
        supervisor_email: email,
        created_by: participantId,
        created_at: `${addDays(opts.start, 35)}T10:00:00.000Z`,
        expires_at: `${addDays(opts.start, 65)}T10:00:00.000Z`,
        revoked_at: null,
        used_at: `${addDays(opts.start, 37)}T15:00:00.000Z`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const [confirmedHours, openHours] = STAGES[i] ?? [10, 2];
    const days: string[] = [];
    for (let d = 0; addDays(opts.start, d) < today; d++) {
      const day = addDays(opts.start, d);
      const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (dow !== 0 && dow !== 6) days.push(day);
    }
    let confirmed = 0;
    let open = 0;
    let rejectedOne = false;
    // Walk the working days from the start; later days hold the open entries.
    const step = Math.max(1, Math.floor(days.length / ((confirmedHours + openHours) / 2 + 2)));
    for (let k = 0; k < days.length; k += step) {
      const work = WORK[Math.floor(random() * WORK.length)];
      const minutes = work.minutes[Math.floor(random() * work.minutes.length)];
      const isOpen = confirmed >= confirmedHours * 60 || k >= days.length - step * 2;
      if (isOpen && open >= openHours * 60) continue;
      if (!isOpen && confirmed + minutes > confirmedHours * 60) continue;
      let status: "open" | "bevestigd" | "afgewezen" = isOpen ? "open" : "bevestigd";
      if (!isOpen && !rejectedOne && i % 4 === 1 && k > step * 3) {
        status = "afgewezen";
        rejectedOne = true;
      }
      const byTrainer = status !== "open" && random() < 0.25;
      const decidedAt = status === "open" ? null : `${addDays(days[k], 3 < days.length - k ? 3 : 0)}T15:00:00.000Z`;
      const entry = await trx
        .insertInto("practice_entries")
        .values({
          participant_id: participantId,
          date: days[k],
          minutes,
          activity: work.activity,
          description: work.description,
          reflection: work.reflection,
          status,
          decided_how: status === "open" ? null : byTrainer ? "trainer" : "werkbegeleider",
          decided_by: status !== "open" && byTrainer ? opts.trainerId : null,
          decided_by_name: status === "open" ? null : byTrainer ? opts.trainerName : supervisor,
          decided_link_id: status !== "open" && !byTrainer ? link.id : null,
          decision_comment: status === "afgewezen" ? "Dit was een cursusdag, geen praktijk. Wil je het aanpassen?" : null,
          decided_at: decidedAt,
          created_at: `${days[k]}T18:00:00.000Z`,
          updated_at: decidedAt ?? `${days[k]}T18:00:00.000Z`,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (status === "bevestigd") confirmed += minutes;
      if (status === "open") open += minutes;
      if (status !== "open" && !byTrainer) await trx.insertInto("supervisor_link_entries").values({ link_id: link.id, entry_id: entry.id }).execute();
    }
  }
  // Samira Haddou (11th) gets one more hour confirmed this week: 12 hours, below half the steady
  // pace now but not a week ago, so the trainer's "Te doen" shows her as newly at risk (issue 29).
  // Written after every other entry, so the rest of the demo data stays the same.
  const samira = opts.participantIds[10];
  if (samira !== undefined) {
    const day = addDays(today, -3);
    await trx
      .insertInto("practice_entries")
      .values({
        participant_id: samira,
        date: day,
        minutes: 60,
        activity: WORK[0].activity,
        description: WORK[0].description,
        reflection: WORK[0].reflection,
        status: "bevestigd",
        decided_how: "trainer",
        decided_by: opts.trainerId,
        decided_by_name: opts.trainerName,
        decided_link_id: null,
        decision_comment: null,
        decided_at: `${addDays(today, -1)}T15:00:00.000Z`,
        created_at: `${day}T18:00:00.000Z`,
        updated_at: `${addDays(today, -1)}T15:00:00.000Z`,
      })
      .execute();
  }
}
