/**
 * CSRF guard, pure. A state-changing request is accepted only when the browser says it
 * comes from this same site: the Origin header (or, without it, the Referer) must have the
 * same host and port as the request itself. Requests without either header are not sent by
 * browsers for cross-site form posts, so they are allowed (e.g. scripts, curl).
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  /** the Host the request was made to, e.g. "127.0.0.1:3000" */
  host: string | null;
  origin: string | null;
  referer: string | null;
  secFetchSite?: string | null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

export function isSameOriginRequest(input: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (input.secFetchSite === "cross-site") return false;
  const host = input.host?.toLowerCase() ?? null;
  if (input.origin) {
    if (input.origin === "null") return false;
    return host !== null && hostOf(input.origin) === host;
  }
  if (input.referer) {
    return host !== null && hostOf(input.referer) === host;
  }
  return true;
}

/**
 * The one-click unsubscribe link (RFC 8058, app/routes/afmelden.$token.tsx): a mail client posts
 * to it from its own site, without cookie or form key. The random key in the path is the
 * permission, and it can only turn one kind of e-mail off: left out of the same-site check.
 */
export const ONE_CLICK_UNSUBSCRIBE = /^\/afmelden\/[A-Za-z0-9_-]{43}$/;
