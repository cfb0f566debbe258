import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam } from "../guards.server";
import { participantMeetingCalendar } from "../services/calendar.server";
import { publicBaseUrl } from "../config.server";
import { calendarResponse } from "../services/calendar-response.server";

/** One meeting of the participant's own rooster as a calendar file; a meeting not on it is a 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const meetingId = idParam(params, "meetingId");
  const ics = await participantMeetingCalendar(getDb(), user.id, meetingId, publicBaseUrl(request));
  if (ics === null) notFound();
  return calendarResponse(ics, `bijeenkomst-${meetingId}.ics`, "attachment");
}
