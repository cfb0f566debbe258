import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { requireCohortStaff, todayInAmsterdam } from "../guards.server";
import { csvDate, dutchNumber, toDutchCsv } from "../rules/csv";
import { translate } from "../i18n/translate";
import { audit } from "../services/audit.server";
import { cohortAttendanceExport } from "../services/attendance.server";

/** The cohort's attendance as CSV for Excel with Dutch settings (resource route). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, cohort } = await requireCohortStaff(request, params, context.clientIp);
  const rows = await cohortAttendanceExport(getDb(), cohort.id, todayInAmsterdam());
  const nl = (k: Parameters<typeof translate>[1]) => translate("nl", k);
  const csv = toDutchCsv(
    [
      "Deelnemer",
      "E-mailadres",
      "Datum",
      "Begin",
      "Einde",
      "Soort",
      "Titel",
      "Geannuleerd",
      "Status",
      "Minuten gemist",
      "Uren",
      "Actieve deelname",
      "Ingehaald",
      "Notitie",
    ],
    rows.map((r) => [
      r.participant,
      r.email,
      csvDate(r.date),
      r.start,
      r.end,
      nl(`sessionType.${r.type as "les"}`),
      r.title,
      r.cancelled,
      r.status ? nl(`attendanceStatus.${r.status}`) : "",
      r.status === "te_laat" ? r.minutesMissed : "",
      dutchNumber(r.hours),
      r.active,
      r.madeUp,
      r.note,
    ]),
  );
  await audit(getDb(), {
    actor: { id: user.id, role: user.role },
    action: "export.attendance",
    target: { type: "cohort", id: cohort.id },
    ip: context.clientIp,
  });
  const filename = `aanwezigheid-${cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
