import { Writable } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { RequestInfoProvider } from "./request-info";
import { warmUpCertificatePdf } from "./services/certificate-pdf.server";
import { log } from "./services/log.server";

const ABORT_DELAY = 5_000;

// In production, a few sample certificates right after the start, so the first real one is not slow.
if (process.env.NODE_ENV === "production") {
  setTimeout(() => {
    warmUpCertificatePdf().catch((error: unknown) => log({ level: "warn", event: "pdf.warmup.failed", error }));
  }, 500).unref();
}

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
  const nonce = loadContext.cspNonce;
  const ref = loadContext.requestRef;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // The timer stops once everything is rendered: left running, it would hold the whole render
    // (tree, data, stream) in memory for five seconds after every request.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const { pipe, abort } = renderToPipeableStream(
      <RequestInfoProvider value={{ nonce, errorRef: { current: ref ?? null } }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RequestInfoProvider>,
      {
        nonce,
        // No page streams parts later (no defer, no Suspense), so the page is sent whole once
        // everything is rendered: one body with a length instead of some thirty chunks passed
        // one by one through a web stream (10–15% more pages per second, measured over HTTP).
        onAllReady() {
          done = true;
          clearTimeout(timer);
          shellRendered = true;
          const chunks: Buffer[] = [];
          const collect = new Writable({
            write(chunk: Buffer, _encoding, callback) {
              chunks.push(chunk);
              callback();
            },
            final(callback) {
              const body = Buffer.concat(chunks);
              responseHeaders.set("Content-Type", "text/html");
              responseHeaders.set("Content-Length", String(body.length));
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
              callback();
            },
          });
          pipe(collect);
        },
        onShellError(error: unknown) {
          done = true;
          clearTimeout(timer);
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
