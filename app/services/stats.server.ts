import type { DB } from "../../db/connect";

export interface CoordinatorStats {
  participants: number;
  trainers: number;
  cohorts: number;
  invited: number;
}

export async function coordinatorStats(db: DB): Promise<CoordinatorStats> {
  const row = await db
    .selectFrom("users")
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when("role", "=", "participant").then(1).else(0).end()).as("participants"),
      eb.fn.sum<number>(eb.case().when("role", "=", "trainer").then(1).else(0).end()).as("trainers"),
      eb.fn.sum<number>(eb.case().when("status", "=", "invited").then(1).else(0).end()).as("invited"),
    ])
    .executeTakeFirstOrThrow();
  const cohorts = await db
    .selectFrom("cohorts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("kind", "=", "course")
    .executeTakeFirstOrThrow();
  return {
    participants: Number(row.participants ?? 0),
    trainers: Number(row.trainers ?? 0),
    invited: Number(row.invited ?? 0),
    cohorts: Number(cohorts.n),
  };
}
