import type { DB } from "../../db/connect";
import type { CohortDetail } from "./cohorts.server";
import type { MeetingFormOptions } from "../components/meeting-form";

/** The choices for a meeting form: the cohort's trainers, its leerlijn's trainings, its intervisie groups. */
export async function meetingFormOptions(db: DB, cohort: CohortDetail): Promise<MeetingFormOptions> {
  const [trainings, groups] = await Promise.all([
    db.selectFrom("trainings").select(["id", "title"]).where("leerlijn_version_id", "=", cohort.leerlijn_version_id).orderBy("position").execute(),
    db.selectFrom("intervisie_groups").select(["id", "name"]).where("cohort_id", "=", cohort.id).orderBy("name").execute(),
  ]);
  return { trainers: cohort.trainers.map(({ id, name }) => ({ id, name })), trainings, groups };
}
