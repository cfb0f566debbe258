import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { credentialForCode } from "../services/credentials/access.server";
import { VERIFY_MISS_LIMIT, verifyForVisitor } from "../services/verify.server";

/** Issue 30, public: the signed credential of the certificate with this code (the same rules and limit as /verify/<code>). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const code = params.code ?? "";
  const answer = await verifyForVisitor(db, code, context.clientIp ?? null);
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (answer.status === 429)
    return Response.json({ found: false }, { status: 429, headers: { ...headers, "Retry-After": String(VERIFY_MISS_LIMIT.windowMinutes * 60) } });
  const found = answer.status === 200 ? await credentialForCode(db, code) : undefined;
  if (!found) return Response.json({ found: false }, { status: 404, headers });
  return new Response(found.json, {
    headers: { ...headers, "Content-Type": "application/vc+ld+json", "Content-Disposition": `attachment; filename="certificaat-${found.number}.json"` },
  });
}
