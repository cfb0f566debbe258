import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";
import { CachedRemixServer, readHandoff } from "./remix-server";
import { renderToString } from "react-dom/server";
import { RequestInfoProvider } from "./request-info";
import stylesheet from "./styles/index.css?url";
import { config } from "./config.server";
import { inlineStylesheetFor } from "./services/inline-css.server";
import { warmUpCertificatePdf } from "./services/pdf/certificate-pdf.server";
import { log } from "./services/log.server";

// In production, a few sample certificates right after the start, so the first real one is not slow.
if (process.env.NODE_ENV === "production") {
  setTimeout(() => {
    warmUpCertificatePdf().catch((error: unknown) => log({ level: "warn", event: "pdf.warmup.failed", error }));
  }, 500).unref();
}

/**
 * Like Remix's default node entry, plus: the CSP nonce on every script Remix writes, the
 * request's reference code for the error page (both from the load context made in server.ts), and
 * the stylesheet inline for a browser that does not have it yet (docs/decisions/022).
 * No page streams parts later (no defer, no Suspense), so the page is sent whole.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const ref = loadContext.requestRef;
  await readHandoff(remixContext);
  // A browser without the stylesheet gets it inside this page (only with a nonce: production).
  const inline = nonce ? inlineStylesheetFor(request, stylesheet, config().cookieSecure) : null;
  if (inline) responseHeaders.append("Set-Cookie", inline.setCookie);
  const html = renderToString(
    <RequestInfoProvider value={{ nonce, errorRef: { current: ref ?? null }, inlineCss: inline?.css ?? null }}>
      <CachedRemixServer context={remixContext} nonce={nonce} />
    </RequestInfoProvider>,
  );
  const body = Buffer.from("<!DOCTYPE html>" + html);
  responseHeaders.set("Content-Type", "text/html");
  responseHeaders.set("Content-Length", String(body.length));
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

/** Unexpected errors in loaders, actions and rendering: one redacted log line with the request's code. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const inner = isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error;
  log({ level: "error", event: "request.error", ref: context.requestRef, method: request.method, route: request.url, error: inner });
}
