import type { ActionFunctionArgs } from "@remix-run/node";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { checkPastedCredential, MAX_CREDENTIAL_BYTES } from "../services/credentials/access.server";

/**
 * Issue 30, public: POST a digital certificate (the credential JSON as the body) and get the
 * answer as JSON: { verdict: "echt" | "ingetrokken" | "gewijzigd" | "onbekend", signatureValid,
 * revoked, name, achievement, issuer, validFrom }. The page /verify/credential gives the same in Dutch.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  if (request.method !== "POST") return Response.json({ error: "alleen_post" }, { status: 405, headers: { ...headers, Allow: "POST" } });
  const text = await request.text();
  if (text.length > MAX_CREDENTIAL_BYTES) return Response.json({ error: "te_groot" }, { status: 413, headers });
  const check = await checkPastedCredential(getDb(), text, publicBaseUrl(request), context.clientIp ?? null);
  if (check === "tooMany") return Response.json({ error: "te_veel_pogingen" }, { status: 429, headers: { ...headers, "Retry-After": "600" } });
  return Response.json(check, { headers });
}

/** GET: how to use it (the check itself is a POST). */
export async function loader() {
  return Response.json(
    { gebruik: "POST het digitale certificaat (JSON) naar dit adres. Het antwoord: verdict echt, ingetrokken, gewijzigd of onbekend." },
    { headers: { "Cache-Control": "no-store" } },
  );
}
