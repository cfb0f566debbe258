/**
 * The Content-Security-Policy header. Production: scripts only from this site or inline with this
 * response's nonce (Remix's hydration data and module loader), styles only from our own stylesheets
 * or the nonce'd copy of it inline in a first visit's page (no style attributes anywhere in the app), images from this site or data: URLs (the select arrow in
 * theme.css). Development (Vite's dev server injects inline scripts and a websocket) keeps only the
 * framing, base and form rules.
 */
const ALWAYS = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

export function contentSecurityPolicy(nonce: string | undefined): string {
  if (!nonce) return ALWAYS;
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error("CSP nonce must be base64 of at least 16 characters");
  return (
    `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; ` +
    `font-src 'self'; connect-src 'self'; ${ALWAYS}`
  );
}
