import type { DB } from "../db/connect";
import { amsterdamDay } from "../app/rules/amsterdam";
import { closePoolRequest, createPoolRequest, inviteMembers, respondToInvitation, suggestions, teamRequestFor } from "../app/services/pool-requests.server";
import { addDays } from "./history";

/** The demo buurtteam (demo/buurtteams.ts) the open request belongs to. */
export const DEMO_BUURTTEAM = "Buurtteam Noord-Oost";

/**
 * One open request from the demo buurtteam to the pool (issue 31, point 3): fictional, in the
 * team's own words, through the same service as the page (with its audit line). It asks for
 * what the demo pool members chose (schulden in Noord, any language), so at least two of them are
 * suggested. Without the demo buurtteam and its coördinator nothing is made: the reason is returned.
 */
export async function seedDemoPoolRequest(db: DB, opts: { now: Date }): Promise<{ requestId: number; suggested: number } | { skipped: string }> {
  const team = await db
    .selectFrom("buurtteams as b")
    .innerJoin("team_coordinators as tc", "tc.buurtteam_id", "b.id")
    .innerJoin("users as u", "u.id", "tc.user_id")
    .select(["b.id", "u.id as coordinator_id", "u.role"])
    .where("b.name", "=", DEMO_BUURTTEAM)
    .orderBy("u.id")
    .executeTakeFirst();
  if (!team) return { skipped: `Demo: geen vraag aan de pool gemaakt: "${DEMO_BUURTTEAM}" met een buurtteam-coördinator ontbreekt (demo/buurtteams.ts).` };
  const today = amsterdamDay(opts.now);
  const actor = { id: team.coordinator_id, role: team.role };
  await seedDemoClosedRequest(db, actor, opts.now);
  const requestId = await createPoolRequest(
    db,
    actor,
    {
      theme: "schulden",
      description:
        "Een bewoner in Noord heeft al jaren schulden en durft de post niet meer open te maken. We zoeken iemand die dit zelf heeft meegemaakt. Je loopt een paar maanden mee naar afspraken met instanties.",
      stadsdeel: "noord",
      language: null,
      periodFrom: addDays(today, 7),
      periodUntil: addDays(today, 7 + 12 * 7),
      hoursPerWeek: 4,
    },
    opts.now,
  );
  const found = await teamRequestFor(db, actor, requestId);
  return { requestId, suggested: found ? (await suggestions(db, found.request)).length : 0 };
}

/**
 * An earlier request of the same team, answered and closed: ten weeks ago the team asked for
 * someone who speaks Turkish and knows addiction; Mustafa (deelnemer21) said yes two days later,
 * and the team closed the request when the period was over. So the team sees a history with a
 * name and contact details, and the funder's figures have a match and a waiting time.
 */
async function seedDemoClosedRequest(db: DB, actor: { id: number; role: string }, now: Date): Promise<void> {
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const requestId = await createPoolRequest(
    db,
    actor,
    {
      theme: "verslaving",
      description: "Een jonge vader in Noord wil stoppen met drinken en schaamt zich tegenover de hulpverlening. Hij spreekt het liefst Turks.",
      stadsdeel: "noord",
      language: "tr",
      periodFrom: amsterdamDay(at(63)),
      periodUntil: amsterdamDay(at(14)),
      hoursPerWeek: 6,
    },
    at(70),
  );
  const mustafa = await db.selectFrom("users").select("id").where("email", "=", "deelnemer21@leerlijn.test").executeTakeFirst();
  if (!mustafa) return;
  await inviteMembers(db, actor, requestId, [mustafa.id], at(70));
  const invitation = await db.selectFrom("pool_invitations").select("id").where("request_id", "=", requestId).executeTakeFirstOrThrow();
  await respondToInvitation(db, { id: mustafa.id, role: "participant" }, invitation.id, "accept", at(68));
  await closePoolRequest(db, actor, requestId, at(10));
}
