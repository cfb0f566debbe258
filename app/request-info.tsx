import { createContext, useContext } from "react";

/**
 * What the document needs from the request that made it: the CSP nonce for inline scripts and the
 * reference code shown on the error page. The server entry fills it from the load context; the
 * browser entry keeps the code of the last failed data request (see `watchServerErrors`).
 */
export interface RequestInfo {
  nonce?: string;
  errorRef: { current: string | null };
}

/** Set on every response by server.ts; read by the browser when a data request fails. */
export const REF_HEADER = "X-Request-Ref";
/**
 * Set by server.ts on every incoming request, replacing anything the client sent: a random id that
 * lets the loaders of one request share work (each loader gets its own copy of the Request).
 */
export const REQUEST_ID_HEADER = "X-Leerlijn-Request-Id";
/** The attribute on the error page that carries the code, so the browser can pick it up on hydration. */
export const REF_ATTRIBUTE = "data-ll-ref";

const RequestInfoContext = createContext<RequestInfo>({ errorRef: { current: null } });

export const RequestInfoProvider = RequestInfoContext.Provider;

export function useNonce(): string | undefined {
  return useContext(RequestInfoContext).nonce;
}

export function useErrorRef(): string | null {
  return useContext(RequestInfoContext).errorRef.current;
}
