import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { requireCohortStaff, todayInAmsterdam } from "../guards.server";
import { audit } from "../services/audit.server";
import { cohortAttendanceCsv } from "../services/attendance.server";

/** The cohort's attendance as CSV for Excel with Dutch settings (resource route). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, cohort } = await requireCohortStaff(request, params, context.clientIp);
  const csv = await cohortAttendanceCsv(getDb(), cohort.id, todayInAmsterdam());
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
