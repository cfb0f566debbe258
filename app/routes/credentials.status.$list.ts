import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../auth.server";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { STATUS_LIST_NUMBER, statusListCredential } from "../services/credentials/open-badge.server";

/**
 * Issue 30, point 4: the app's revocation list (a signed BitstringStatusListCredential), public.
 * Computed from the certificates as they are now: a revocation shows at once (never cached).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (params.list !== String(STATUS_LIST_NUMBER)) notFound();
  const credential = await statusListCredential(getDb(), publicBaseUrl(request));
  return new Response(JSON.stringify(credential), {
    headers: { "Content-Type": "application/vc+ld+json", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
  });
}
