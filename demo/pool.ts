import type { DB } from "../db/connect";
import type { PoolProfileInput } from "../app/forms/pool";
import { savePoolProfile, setPoolPaused } from "../app/services/pool.server";

/**
 * The certified demo participants in the pool of ervaringsdeskundigen (issue 31): fictional
 * profiles in their own words, through the same service as the page (with consent and audit line).
 * Lotte (deelnemer15) and two alumni work in Noord, so the demo buurtteam's request has people to
 * suggest; one alum has paused, so the pause is visible too. The alumni joined about five months
 * ago (Lotte today), so the funder's figures show the pool over time.
 */
export async function seedDemoPool(db: DB, opts: { participantId: number; alumniIds: number[]; now: Date }): Promise<void> {
  const from = opts.now.toISOString().slice(0, 10);
  const profiles: [number, PoolProfileInput & { consent: "ja" }][] = [
    [
      opts.participantId,
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
    ],
    [
      opts.alumniIds[0],
      {
        experience: "Ik ben verslaafd geweest en nu acht jaar clean. Ik weet hoe schaamte voelt en hoe moeilijk de eerste stap naar hulp is.",
        themes: ["verslaving", "schulden"],
        languages: ["nl", "tr"],
        stadsdelen: ["noord", "nieuw_west"],
        hoursPerWeek: 12,
        availableFrom: null,
        availableUntil: null,
        contactPhone: null,
        contactEmail: "m.yildiz@voorbeeld.test",
        consent: "ja",
      },
    ],
    [
      opts.alumniIds[1],
      {
        experience: "Als alleenstaande moeder leefde ik lang van weinig geld. Ik help graag ouders die de weg naar regelingen niet vinden.",
        themes: ["armoede", "mantelzorg"],
        languages: ["nl", "srn", "pap"],
        stadsdelen: ["zuidoost", "noord"],
        hoursPerWeek: 6,
        availableFrom: from,
        availableUntil: null,
        contactPhone: "06 98 76 54 32",
        contactEmail: null,
        consent: "ja",
      },
    ],
    [
      opts.alumniIds[2],
      {
        experience: "Ik heb een tijd op straat geleefd. Ik weet wat het vraagt om weer een dak en een dagritme te vinden.",
        themes: ["dakloosheid", "psychische_kwetsbaarheid"],
        languages: ["nl"],
        stadsdelen: ["centrum", "west"],
        hoursPerWeek: 4,
        availableFrom: null,
        availableUntil: null,
        contactPhone: "06 11 22 33 44",
        contactEmail: null,
        consent: "ja",
      },
    ],
  ];
  const daysAgo = (n: number) => new Date(opts.now.getTime() - n * 86_400_000);
  for (const [i, [id, input]] of profiles.entries()) await savePoolProfile(db, { id, role: "participant" }, input, i === 0 ? opts.now : daysAgo(150 - i));
  // Bas (the third alum) paused two months ago: in the pool, not suggested.
  await setPoolPaused(db, { id: opts.alumniIds[2], role: "participant" }, true, daysAgo(60));
}
