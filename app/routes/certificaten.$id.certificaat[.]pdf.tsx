import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth.server";
import { getDb } from "../db.server";
import { idParam } from "../guards.server";
import { certificateDownload } from "../services/certificates.server";

/** One certificate's PDF, exactly as issued: for the coordinator, its assessors, and its owner. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params, "id");
  const file = await certificateDownload(getDb(), user, id, context.clientIp);
  if (!file) notFound();
  return new Response(new Uint8Array(file.pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="certificaat-${file.number}.pdf"`, "Cache-Control": "no-store" },
  });
}
