import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { translate } from "../i18n/translate";
import { csvDate, toDutchCsv } from "../rules/csv";
import { audit } from "../services/audit.server";
import { certificateRegister } from "../services/certificates.server";

/** The certificate register as CSV for Excel with Dutch settings. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "coordinator-home", context.clientIp);
  const rows = await certificateRegister(getDb(), new URL(request.url).searchParams.get("zoek") ?? "");
  const nl = (k: Parameters<typeof translate>[1]) => translate("nl", k);
  const csv = toDutchCsv(
    [nl("verify.number"), nl("verify.name"), nl("report.col.cohort"), nl("verify.issuedOn"), nl("trainings.staff.status"), nl("register.csv.reason")],
    rows.map((r) => [r.number, r.name, r.cohort_name, csvDate(r.issued_at.slice(0, 10)), nl(`register.state.${r.state}`), r.revoke_reason]),
  );
  await audit(getDb(), { actor: user, action: "export.certificates", ip: context.clientIp });
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="certificaten.csv"', "Cache-Control": "no-store" },
  });
}
