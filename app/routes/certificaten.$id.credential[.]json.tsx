import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "../auth.server";
import { getDb } from "../db.server";
import { idParam } from "../guards.server";
import { credentialDownload } from "../services/credentials/access.server";

/** Issue 30: the certificate's signed Open Badges 3.0 credential, for the same people as its PDF. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params, "id");
  const file = await credentialDownload(getDb(), user, id, context.clientIp ?? null);
  if (!file) notFound();
  return new Response(file.json, {
    headers: {
      "Content-Type": "application/vc+ld+json",
      "Content-Disposition": `attachment; filename="certificaat-${file.number}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
