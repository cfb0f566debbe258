import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { RequestInfoProvider } from "./request-info";
import { warmUpCertificatePdf } from "./services/certificate-pdf.server";
import { log } from "./services/log.server";

// In production, a few sample certificates right after the start, so the first real one is not slow.
if (process.env.NODE_ENV === "production") {
  setTimeout(() => {
    warmUpCertificatePdf().catch((error: unknown) => log({ level: "warn", event: "pdf.warmup.failed", error }));
  }, 500).unref();
}

/**
 * The page data Remix sends along for the browser (single fetch: a turbo-stream) is read to the end
 * before the page is rendered, and handed to Remix's `StreamTransfer` as already read. Nothing on
 * the page then waits, so the page renders in one synchronous pass (`renderToString`): no chunk by
 * chunk encoding of the HTML, no render spread over several turns of the event loop.
 * `StreamTransfer` (in @remix-run/react 2.x) keeps what it read per part in `renderMeta.streamCache`;
 * were that to change, the data would be missing from the page: `tests/e2e/http.test.ts` checks that
 * it is there, and every browser test needs it to start the page.
 */
async function readHandoff(context: EntryContext): Promise<void> {
  const stream = context.serverHandoffStream;
  if (!stream) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    text += decoder.decode(value, { stream: !done });
    if (done) break;
  }
  reader.releaseLock();
  const part = (result: { done: boolean; value: string }) => Object.assign(Promise.resolve(), { result });
  const meta = (context.renderMeta ??= {}) as { streamCache?: Record<number, Promise<void> & { result: { done: boolean; value: string } }> };
  meta.streamCache = { 0: part({ done: false, value: text }), 1: part({ done: true, value: "" }) };
}

/**
 * Like Remix's default node entry, plus: the CSP nonce on every script Remix writes, and the
 * request's reference code for the error page (both from the load context made in server.ts).
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
  const html = renderToString(
    <RequestInfoProvider value={{ nonce, errorRef: { current: ref ?? null } }}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
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
