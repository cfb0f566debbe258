import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentTime } from "../clock.server";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { requireStaffMeeting } from "../guards.server";
import { getLang } from "../i18n/i18n.server";
import { expectedParticipants } from "../services/attendance.server";
import { audit } from "../services/audit.server";
import { renderAttendanceListPdf } from "../services/pdf/attendance-list-pdf.server";

/** A meeting's printable attendance list (PDF, A4), for its cohort's staff (resource route). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const db = getDb();
  const [people, lang] = await Promise.all([expectedParticipants(db, meeting), getLang(request)]);
  const sheetPath = `/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/aanwezigheid`;
  const pdf = await renderAttendanceListPdf({
    cohort: cohort.name,
    meeting,
    people,
    sheetUrl: `${publicBaseUrl(request)}${sheetPath}`,
    lang,
    printedAt: currentTime(),
  });
  await audit(db, {
    actor: { id: user.id, role: user.role },
    action: "export.attendanceList.pdf",
    target: { type: "session", id: meeting.id },
    ip: context.clientIp,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="presentielijst-${meeting.date}-${meeting.id}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
