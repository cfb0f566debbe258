import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { VERIFY_MISS_LIMIT, verifyForVisitor } from "../services/verify.server";

/** The verification answer as JSON, for employers' systems. Same rules as the page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const answer = await verifyForVisitor(getDb(), params.code ?? "", context.clientIp ?? null);
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (answer.status === 429)
    return Response.json(
      { found: false, error: "te_veel_pogingen" },
      { status: 429, headers: { ...headers, "Retry-After": String(VERIFY_MISS_LIMIT.windowMinutes * 60) } },
    );
  if (answer.status === 404) return Response.json({ found: false }, { status: 404, headers });
  const c = answer.certificate;
  return Response.json(
    {
      found: true,
      state: c.state,
      number: c.number,
      participantName: c.participantName,
      leerlijn: c.leerlijn,
      hours: c.hours,
      trainings: c.trainings,
      issuedOn: c.issuedOn,
      issuer: c.issuer,
      revokedOn: c.revokedOn,
      // An absolute address: the systems that read this JSON do not know where it came from.
      successor: c.successor ? { number: c.successor.number, url: `${publicBaseUrl(request)}/verify/${c.successor.code}` } : null,
      pdfSha256: c.pdfSha256,
    },
    { headers },
  );
}
