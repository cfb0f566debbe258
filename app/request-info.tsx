import { createContext, useContext } from "react";

/**
 * What the document needs from the request that made it: the CSP nonce for inline scripts and the
 * reference code shown on the error page. The server entry fills it from the load context; the
 * browser entry keeps the code of the last failed data request (see `watchServerErrors`).
 */
export interface RequestInfo {
  nonce?: string;
  /** The stylesheet's text when this document carries it inline (app/services/inline-css.server.ts). */
  inlineCss?: string | null;
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

/** The id of the inline stylesheet: the browser finds the server's copy by it when it hydrates. */
export const INLINE_CSS_ID = "ll-css";
let inlineInBrowser: string | null | undefined;

/**
 * The stylesheet's text when the document carries it inline, else null. On the server from the
 * request; in the browser the server's `<style>` element itself, read once, so hydration renders
 * exactly what the server sent (and later renders keep it).
 */
export function useInlineCss(): string | null {
  const fromServer = useContext(RequestInfoContext).inlineCss;
  if (typeof document === "undefined") return fromServer ?? null;
  if (inlineInBrowser === undefined) inlineInBrowser = document.getElementById(INLINE_CSS_ID)?.textContent ?? null;
  return inlineInBrowser;
}

export function useErrorRef(): string | null {
  return useContext(RequestInfoContext).errorRef.current;
}
