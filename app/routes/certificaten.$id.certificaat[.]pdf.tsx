import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth.server";
import { getDb } from "../db.server";
import { idParam } from "../guards.server";
import { can } from "../rules/policy";
import { audit } from "../services/audit.server";
import { certificatePdf } from "../services/certificates.server";

/** One certificate's PDF, exactly as issued: for the coordinator, its assessors, and its owner. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params, "id");
  const db = getDb();
  const cert = await db.selectFrom("certificates").select(["participant_id", "interview_id"]).where("id", "=", id).executeTakeFirst();
  const assessorIds = cert?.interview_id
    ? (await db.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", cert.interview_id).execute()).map((a) => a.user_id)
    : [];
  const allowed = cert && can(user, "certificate.download", { ownerId: cert.participant_id, assessorIds });
  if (!allowed) {
    await audit(db, { actor: user, action: "certificate.download", target: { type: "certificate", id }, outcome: "denied", ip: context.clientIp });
    notFound();
  }
  const file = (await certificatePdf(db, { id }))!;
  await audit(db, { actor: user, action: "certificate.download", target: { type: "certificate", id }, ip: context.clientIp });
  return new Response(new Uint8Array(file.pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="certificaat-${file.number}.pdf"`, "Cache-Control": "no-store" },
  });
}
