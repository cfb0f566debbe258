// The server entry passes these to every loader and action.
export interface LeerlijnLoadContext {
  clientIp: string | null;
  /** This request's reference code (LL-XXXX-XXXX): in the log line of an error and on the error page. */
  requestRef: string;
  /** The Content-Security-Policy nonce for this response's scripts; undefined in development. */
  cspNonce: string | undefined;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends LeerlijnLoadContext {}
}
