import type { DB } from "../db/connect";
import { savePoolProfile } from "../app/services/pool.server";

/**
 * The certified demo participant in the pool of ervaringsdeskundigen (issue 31): a fictional
 * profile in her own words, through the same service as the page (with consent and audit line).
 */
export async function seedDemoPool(db: DB, opts: { participantId: number; now: Date }): Promise<void> {
  const from = opts.now.toISOString().slice(0, 10);
  await savePoolProfile(
    db,
    { id: opts.participantId, role: "participant" },
    {
      experience:
        "Ik heb jaren schulden gehad en weet hoe het is om post niet meer open te durven maken. Ik wil werken met mensen die vastlopen met geld en instanties.",
      themes: ["schulden", "armoede"],
      languages: ["nl", "en"],
      stadsdelen: ["noord", "oost"],
      hoursPerWeek: 8,
      availableFrom: from,
      availableUntil: null,
      contactPhone: "06 12 34 56 78",
      contactEmail: null,
      consent: "ja",
    },
    opts.now,
  );
}
