import type { Params } from "@remix-run/react";
import { notFound, requireArea } from "./auth.server";
import { getDb } from "./db.server";
import { audit } from "./services/audit.server";
import { withPeople, type CohortDetail, type CohortHeader } from "./services/cohorts.server";
import { getMeeting, type MeetingRow } from "./services/schedule.server";
import { cohortForStaff } from "./services/staff.server";
import type { User } from "../db/schema";
import { amsterdamDay, amsterdamTime } from "./rules/amsterdam";
import type { ScheduleNow } from "./rules/attendance";
import { currentTime } from "./clock.server";

/** A positive integer id from the URL, or a 404. */
export function idParam(params: Params, name: string): number {
  const id = Number(params[name]);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

/**
 * A trainer of this cohort or a coordinator; anyone else gets a 403 (wrong role) or a
 * 404 (a cohort they do not teach, logged as denied). The cohort's own row only: pages that
 * need its trainers and members use requireCohortStaffWithPeople.
 */
export async function requireCohortStaff(request: Request, params: Params, ip: string | null | undefined): Promise<{ user: User; cohort: CohortHeader }> {
  const user = await requireArea(request, "cohort-staff", ip);
  const cohortId = idParam(params, "cohortId");
  const cohort = await cohortForStaff(getDb(), user, cohortId);
  if (!cohort) {
    await audit(getDb(), {
      actor: { id: user.id, role: user.role },
      action: "cohort.view",
      target: { type: "cohort", id: cohortId },
      outcome: "denied",
      ip: ip ?? null,
    });
    notFound();
  }
  return { user, cohort };
}

/** requireCohortStaff, with the cohort's trainers and members. */
export async function requireCohortStaffWithPeople(
  request: Request,
  params: Params,
  ip: string | null | undefined,
): Promise<{ user: User; cohort: CohortDetail }> {
  const { user, cohort } = await requireCohortStaff(request, params, ip);
  return { user, cohort: await withPeople(getDb(), cohort) };
}

export async function requireStaffMeeting(
  request: Request,
  params: Params,
  ip: string | null | undefined,
): Promise<{ user: User; cohort: CohortHeader; meeting: MeetingRow }> {
  const { user, cohort } = await requireCohortStaff(request, params, ip);
  const meeting = await getMeeting(getDb(), cohort.id, idParam(params, "meetingId"));
  if (!meeting) notFound();
  return { user, cohort, meeting };
}

/** The day and time of day in Amsterdam, for what a schedule shows as past (rules/attendance.ts). */
export function nowInAmsterdam(now = currentTime()): ScheduleNow {
  return { today: amsterdamDay(now), time: amsterdamTime(now) };
}

/** Today's date in Amsterdam, yyyy-mm-dd. */
export function todayInAmsterdam(now = currentTime()): string {
  return amsterdamDay(now);
}
