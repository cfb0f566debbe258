import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { cohortOfParticipant } from "../services/gop.server";

/** "Ons GOP" in the participant's menu: the GOP of their own cohort. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const cohortId = await cohortOfParticipant(getDb(), user.id);
  if (!cohortId) notFound();
  throw redirect(`/groepen/${cohortId}/gop`);
}
