import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam } from "../guards.server";
import { getLang } from "../i18n/i18n.server";
import { audit } from "../services/audit.server";
import { cohortCertificateBook } from "../services/certificates.server";

/** Every valid certificate of a cohort in one PDF, for the ceremony. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "coordinator-home", context.clientIp);
  const cohortId = idParam(params, "cohortId");
  const book = await cohortCertificateBook(getDb(), cohortId, await getLang(request));
  if (!book || book.count === 0) notFound();
  await audit(getDb(), { actor: user, action: "export.certificates.book", target: { type: "cohort", id: cohortId }, ip: context.clientIp });
  return new Response(new Uint8Array(book.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificaten-${book.cohortName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
