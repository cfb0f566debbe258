import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { didDocument } from "../services/credentials/keys.server";

/**
 * Issue 30: the app's DID document (did:web of its public host): the public halves of every key
 * that ever signed a credential, so any verifier can check them without an account.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const doc = await didDocument(getDb(), publicBaseUrl(request));
  return new Response(JSON.stringify(doc, null, 2), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
