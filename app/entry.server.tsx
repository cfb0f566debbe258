import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { RequestInfoProvider } from "./request-info";
import { log } from "./services/log.server";

const ABORT_DELAY = 5_000;

/**
 * Like Remix's default node entry, plus: the CSP nonce on every script Remix writes, and the
 * request's reference code for the error page (both from the load context made in server.ts).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  const nonce = loadContext.cspNonce;
  const ref = loadContext.requestRef;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // The timer stops once everything is rendered: left running, it would hold the whole render
    // (tree, data, stream) in memory for five seconds after every request.
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      done = true;
      clearTimeout(timer);
    };
    const start = () => {
      shellRendered = true;
      const body = new PassThrough();
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <RequestInfoProvider value={{ nonce, errorRef: { current: ref ?? null } }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RequestInfoProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) start();
        },
        onAllReady() {
          finish();
          if (waitForAll) start();
        },
        onShellError(error: unknown) {
          finish();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready reject and reach handleError; later ones are logged here.
          if (shellRendered) log({ level: "error", event: "render.error", ref, method: request.method, route: request.url, error });
        },
      },
    );
    if (!done) timer = setTimeout(abort, ABORT_DELAY);
  });
}

/** Unexpected errors in loaders, actions and rendering: one redacted log line with the request's code. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const inner = isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error;
  log({ level: "error", event: "request.error", ref: context.requestRef, method: request.method, route: request.url, error: inner });
}
