// The server entry passes these to every loader and action.
export interface LeerlijnLoadContext {
  clientIp: string | null;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends LeerlijnLoadContext {}
}
