/**
 * Remix's `RemixServer` (from @remix-run/react 2.17), with one change: the route tree it hands to
 * React Router is built once per server build instead of once per page.
 *
 * Why: `RemixServer` converts the routes of all route files into React Router's route objects for
 * every page it renders (`createServerRoutes`, then `createStaticRouter`). Measured on the participant
 * home (10 connections): of what a request leaves behind after a minor garbage collection, about
 * 40 kB per request was this tree; objects that end in the old generation bring full collections,
 * which pushed the 99th percentile of the pages over 100 ms (docs/decisions/006-cached-remix-server.md).
 * Nothing in that tree depends on the request: it comes from the build's manifest and route modules.
 *
 * The price: three of Remix's own functions are not exported from its index, so they are imported
 * from its `dist` files, and the router object is React Router 6's static router with its state
 * replaced per request. Both are pinned by `tests/unit/remix-server.test.tsx`, which renders the same
 * page with this component and with Remix's own and requires the same HTML, and by every browser test
 * (a page that does not hydrate fails them).
 */
import * as React from "react";
import type { EntryContext } from "@remix-run/node";
import { UNSAFE_RemixContext } from "@remix-run/react";
import { createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { DataRouteObject } from "react-router-dom";
// Not exported from @remix-run/react's index (see above).
import { createServerRoutes, shouldHydrateRouteLoader } from "@remix-run/react/dist/routes.js";
import { RemixErrorBoundary } from "@remix-run/react/dist/errorBoundaries.js";
import { StreamTransfer } from "@remix-run/react/dist/single-fetch.js";

type StaticRouter = ReturnType<typeof createStaticRouter>;
type Cached = { router: StaticRouter; byId: Map<string, DataRouteObject> };

/** Per build: the build's assets manifest is one object for as long as the build is loaded. */
const cache = new WeakMap<object, Cached>();

function indexRoutes(routes: DataRouteObject[], byId: Map<string, DataRouteObject>) {
  for (const route of routes) {
    byId.set(route.id, route);
    if (route.children) indexRoutes(route.children, byId);
  }
  return byId;
}

function routerFor(context: EntryContext): StaticRouter {
  const handlerContext = context.staticHandlerContext;
  let cached = cache.get(context.manifest);
  if (!cached) {
    const routes = createServerRoutes(context.manifest.routes, context.routeModules, context.future, context.isSpaMode);
    const router = createStaticRouter(routes, handlerContext, {
      future: { v7_partialHydration: true, v7_relativeSplatPath: context.future.v3_relativeSplatPath },
    });
    cached = { router, byId: indexRoutes(router.routes as DataRouteObject[], new Map()) };
    cache.set(context.manifest, cached);
  }
  const { router, byId } = cached;
  // What createStaticRouter does per request: the matches point at the enhanced routes, and the
  // state is this request's. Everything else on the router is the same for every request.
  const matches = handlerContext.matches.map((match) => ({ ...match, route: byId.get(match.route.id) ?? match.route }));
  const state = {
    ...router.state,
    location: handlerContext.location,
    matches,
    loaderData: handlerContext.loaderData,
    actionData: handlerContext.actionData,
    errors: handlerContext.errors,
  };
  return Object.create(router, {
    basename: { value: handlerContext.basename },
    state: { value: state },
  }) as StaticRouter;
}

export function CachedRemixServer({ context, nonce }: { context: EntryContext; nonce?: string }) {
  const { manifest, routeModules, criticalCss, serverHandoffString } = context;
  // As in RemixServer: a route with a clientLoader and a HydrateFallback renders its fallback.
  context.staticHandlerContext.loaderData = { ...context.staticHandlerContext.loaderData };
  for (const match of context.staticHandlerContext.matches) {
    const routeId = match.route.id;
    const route = routeModules[routeId];
    const manifestRoute = manifest.routes[routeId];
    if (route && manifestRoute && shouldHydrateRouteLoader(manifestRoute, route, context.isSpaMode) && (route.HydrateFallback || !manifestRoute.hasLoader)) {
      context.staticHandlerContext.loaderData[routeId] = undefined;
    }
  }
  const router = routerFor(context);
  return (
    <>
      <UNSAFE_RemixContext.Provider
        value={{
          manifest,
          routeModules,
          criticalCss,
          serverHandoffString,
          future: context.future,
          isSpaMode: context.isSpaMode,
          serializeError: context.serializeError,
          renderMeta: context.renderMeta,
        }}
      >
        <RemixErrorBoundary location={router.state.location}>
          <StaticRouterProvider router={router} context={context.staticHandlerContext} hydrate={false} />
        </RemixErrorBoundary>
      </UNSAFE_RemixContext.Provider>
      {context.future.v3_singleFetch && context.serverHandoffStream ? (
        <React.Suspense>
          <StreamTransfer context={context} identifier={0} reader={context.serverHandoffStream.getReader()} textDecoder={new TextDecoder()} nonce={nonce} />
        </React.Suspense>
      ) : null}
    </>
  );
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
export async function readHandoff(context: EntryContext): Promise<void> {
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
