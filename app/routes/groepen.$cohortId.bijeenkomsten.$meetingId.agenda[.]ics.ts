import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../auth.server";
import { getDb } from "../db.server";
import { requireStaffMeeting } from "../guards.server";
import { staffMeetingCalendar } from "../services/calendar.server";
import { publicBaseUrl } from "../config.server";
import { calendarResponse } from "../services/calendar-response.server";

/** One meeting as a calendar file, for the cohort's trainers and coordinators. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const ics = await staffMeetingCalendar(getDb(), cohort.id, meeting.id, publicBaseUrl(request));
  if (ics === null) notFound();
  return calendarResponse(ics, `bijeenkomst-${meeting.id}.ics`, "attachment");
}
