import type { DB } from "../db/connect";

/**
 * The demo's buurtteams (issue 31): "Buurtteam Noord-Oost" with its buurtteam-coördinator, who
 * posts requests to the pool, and a second team without one, so a coordinator sees both cases.
 */
export async function seedDemoBuurtteams(db: DB, opts: { coordinatorEmail: string; now: Date }): Promise<void> {
  const stamp = opts.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const team = await trx
      .insertInto("buurtteams")
      .values({ name: "Buurtteam Noord-Oost", stadsdeel: "noord", created_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("buurtteams").values({ name: "Buurtteam Zuidoost-Holendrecht", stadsdeel: "zuidoost", created_at: stamp }).execute();
    const user = await trx.selectFrom("users").select("id").where("email", "=", opts.coordinatorEmail).executeTakeFirstOrThrow();
    await trx.insertInto("team_coordinators").values({ user_id: user.id, buurtteam_id: team.id }).execute();
  });
}
