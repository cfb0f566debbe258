import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth.server";
import { getDb } from "../db.server";
import { idParam } from "../guards.server";
import { audit } from "../services/audit.server";
import { certificatePdf } from "../services/certificates.server";

/** One certificate's PDF, exactly as issued: for the coordinator, its assessors, and its owner. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params, "id");
  const db = getDb();
  const cert = await db.selectFrom("certificates").select(["participant_id", "interview_id"]).where("id", "=", id).executeTakeFirst();
  const assessor =
    cert?.interview_id && user.role === "examiner"
      ? await db.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", cert.interview_id).where("user_id", "=", user.id).executeTakeFirst()
      : undefined;
  const allowed = cert && (user.role === "coordinator" || assessor || (user.role === "participant" && cert.participant_id === user.id));
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
