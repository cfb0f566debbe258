import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { currentTime } from "../clock.server";
import type { BuurtteamInput, InviteTeamCoordinatorInput } from "../forms/buurtteams";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { createInvitedUser, type Actor } from "./users.server";

/*
 * Buurtteams and their buurtteam-coördinatoren (issue 31, point 3; docs/decisions/024-pool-requests.md).
 * A buurtteam-coördinator is invited by the course coordinator and tied to exactly one team
 * (`team_coordinators`); their requests to the pool belong to that team.
 */

export interface BuurtteamRow {
  id: number;
  name: string;
  stadsdeel: string;
  coordinators: { id: number; name: string; email: string; status: User["status"] }[];
  openRequests: number;
}

export async function listBuurtteams(db: DB): Promise<BuurtteamRow[]> {
  const [teams, people, open] = await Promise.all([
    db.selectFrom("buurtteams").select(["id", "name", "stadsdeel"]).orderBy("name").execute(),
    db
      .selectFrom("team_coordinators as tc")
      .innerJoin("users as u", "u.id", "tc.user_id")
      .select(["tc.buurtteam_id", "u.id", "u.name", "u.email", "u.status"])
      .orderBy("u.name")
      .execute(),
    db
      .selectFrom("pool_requests")
      .select(["buurtteam_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "=", "open")
      .groupBy("buurtteam_id")
      .execute(),
  ]);
  return teams.map((t) => ({
    ...t,
    coordinators: people.filter((p) => p.buurtteam_id === t.id).map(({ id, name, email, status }) => ({ id, name, email, status })),
    openRequests: Number(open.find((o) => o.buurtteam_id === t.id)?.n ?? 0),
  }));
}

export async function createBuurtteam(db: DB, actor: Actor, input: BuurtteamInput, now = currentTime()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("buurtteams").select("id").where("name", "=", input.name).executeTakeFirst();
    if (taken) throw new UserInputError("buurtteams.name.taken", "name");
    const row = await trx
      .insertInto("buurtteams")
      .values({ name: input.name, stadsdeel: input.stadsdeel, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, action: "buurtteam.create", target: { type: "buurtteam", id: row.id }, at: now });
    return row.id;
  });
}

/**
 * A new account with the role buurtteam-coördinator, tied to one team. The team is checked
 * first (an unknown id is a form error, not a half-made account); the caller makes the invitation.
 */
export async function createTeamCoordinator(db: DB, actor: Actor, input: InviteTeamCoordinatorInput, now = currentTime()): Promise<User> {
  const team = await db.selectFrom("buurtteams").select("id").where("id", "=", input.buurtteamId).executeTakeFirst();
  if (!team) throw new UserInputError("buurtteams.team.required", "buurtteamId");
  // The account and its tie to the team in one transaction: never an account without its team.
  return db.transaction().execute(async (trx) => {
    const user = await createInvitedUser(trx, { name: input.name, email: input.email, role: "team_coordinator" }, actor, now);
    await trx.insertInto("team_coordinators").values({ user_id: user.id, buurtteam_id: team.id }).execute();
    await audit(trx, { actor, action: "buurtteam.coordinator.add", target: { type: "user", id: user.id }, details: { buurtteam: team.id }, at: now });
    return user;
  });
}
