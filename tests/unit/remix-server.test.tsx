/**
 * `CachedRemixServer` (app/remix-server.tsx) must render exactly what Remix's own `RemixServer` renders:
 * same HTML, same page data for the browser, same error boundary. It reuses the route tree between
 * requests, so the pages are rendered one after the other through one request handler, each URL after
 * others have filled the cache, and the results compared byte for byte.
 */
import { createRequestHandler, type EntryContext, type ServerBuild } from "@remix-run/node";
import { Links, Meta, Outlet, RemixServer, Scripts, useLoaderData, useMatches, useParams, useRouteError, isRouteErrorResponse } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { CachedRemixServer, readHandoff } from "../../app/remix-server";

type Renderer = "remix" | "cached";
let renderer: Renderer = "remix";
let renderedWith: Renderer[] = [];
/** What Remix hands to the entry's handleError (a URL no route matches is one). */
let reported: string[] = [];

async function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  await readHandoff(context);
  renderedWith.push(renderer);
  const element =
    renderer === "remix" ? <RemixServer context={context} url={request.url} nonce="n0nce" /> : <CachedRemixServer context={context} nonce="n0nce" />;
  headers.set("Content-Type", "text/html");
  return new Response("<!DOCTYPE html>" + renderToString(element), { status, headers });
}

function Root() {
  const data = useLoaderData<{ appName: string }>();
  const matches = useMatches();
  const crumbs = matches.map((m) => (m.handle as { crumb?: string } | undefined)?.crumb).filter(Boolean);
  return (
    <html lang="nl">
      <head>
        <Meta />
        <Links />
      </head>
      <body>
        <header>{data.appName}</header>
        <nav aria-label="kruimelpad">{crumbs.join(" > ")}</nav>
        <Outlet />
        <Scripts nonce="n0nce" />
      </body>
    </html>
  );
}

function RootError() {
  const error = useRouteError();
  return (
    <html lang="nl">
      <body>
        <p>Fout in de hele app: {isRouteErrorResponse(error) ? error.status : "onbekend"}</p>
        <Scripts nonce="n0nce" />
      </body>
    </html>
  );
}

function Group() {
  const data = useLoaderData<{ group: string }>();
  return (
    <main>
      <h1>Groep {data.group}</h1>
      <Outlet />
    </main>
  );
}

function GroupError() {
  const error = useRouteError();
  return <p role="alert">Deze groep bestaat niet ({isRouteErrorResponse(error) ? error.status : "?"})</p>;
}

function Meeting() {
  const data = useLoaderData<{ present: string[] }>();
  const params = useParams();
  return (
    <section>
      <h2>Bijeenkomst {params.meetingId}</h2>
      <ul>
        {data.present.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </section>
  );
}

function Home() {
  return <p>Welkom</p>;
}

const routeEntry = (id: string, parentId: string | undefined, path: string | undefined, index: boolean | undefined, hasErrorBoundary: boolean) => ({
  id,
  parentId,
  path,
  index,
  caseSensitive: undefined,
  hasAction: false,
  hasLoader: id !== "routes/_index",
  hasClientAction: false,
  hasClientLoader: false,
  hasErrorBoundary,
  module: `/assets/${id.replace("/", "-")}.js`,
  imports: [],
  css: [],
});

const build = {
  mode: "production",
  assetsBuildDirectory: "build/client",
  basename: "/",
  publicPath: "/",
  isSpaMode: false,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_routeConfig: false,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: false,
    unstable_optimizeDeps: false,
  },
  entry: {
    module: { default: handleRequest, handleError: (error: unknown) => void reported.push(isRouteErrorResponse(error) ? `${error.status}` : String(error)) },
  },
  assets: {
    entry: { module: "/assets/entry.client.js", imports: [], css: [] },
    url: "/assets/manifest-test.js",
    version: "test",
    routes: {
      root: routeEntry("root", undefined, "", undefined, true),
      "routes/_index": routeEntry("routes/_index", "root", undefined, true, false),
      "routes/groepen.$groupId": routeEntry("routes/groepen.$groupId", "root", "groepen/:groupId", undefined, true),
      "routes/groepen.$groupId.$meetingId": routeEntry("routes/groepen.$groupId.$meetingId", "routes/groepen.$groupId", ":meetingId", undefined, false),
    },
  },
  routes: {
    root: {
      id: "root",
      parentId: undefined,
      path: "",
      index: undefined,
      caseSensitive: undefined,
      module: { default: Root, ErrorBoundary: RootError, loader: () => ({ appName: "Leerlijn" }), handle: { crumb: "Start" } },
    },
    "routes/_index": { id: "routes/_index", parentId: "root", path: undefined, index: true, caseSensitive: undefined, module: { default: Home } },
    "routes/groepen.$groupId": {
      id: "routes/groepen.$groupId",
      parentId: "root",
      path: "groepen/:groupId",
      index: undefined,
      caseSensitive: undefined,
      module: {
        default: Group,
        ErrorBoundary: GroupError,
        handle: { crumb: "Groep" },
        loader: ({ params }: { params: { groupId?: string } }) => {
          if (params.groupId === "onbekend") throw new Response(null, { status: 404 });
          return { group: params.groupId };
        },
      },
    },
    "routes/groepen.$groupId.$meetingId": {
      id: "routes/groepen.$groupId.$meetingId",
      parentId: "routes/groepen.$groupId",
      path: ":meetingId",
      index: undefined,
      caseSensitive: undefined,
      module: {
        default: Meeting,
        handle: { crumb: "Bijeenkomst" },
        loader: ({ params }: { params: { meetingId?: string } }) => ({ present: [`Deelnemer ${params.meetingId}a`, `Deelnemer ${params.meetingId}b`] }),
      },
    },
  },
} as unknown as ServerBuild;

const handler = createRequestHandler(build, "production");

async function render(path: string, which: Renderer) {
  renderer = which;
  // Aborted once read: that clears the timer Remix starts for the page data (else it holds Jest ~5 s).
  const request = new AbortController();
  const response = await handler(new Request(`http://localhost${path}`, { signal: request.signal }));
  const page = { status: response.status, html: await response.text() };
  request.abort();
  return page;
}

const paths = ["/groepen/a/7", "/", "/groepen/b", "/groepen/onbekend/3", "/groepen/c/12", "/bestaat-niet"];

describe("CachedRemixServer", () => {
  beforeEach(() => {
    renderedWith = [];
    reported = [];
  });

  it("renders every page exactly as Remix's RemixServer does, also after other pages filled its cache", async () => {
    const remix = [];
    for (const path of paths) remix.push(await render(path, "remix"));
    const cached = [];
    for (const round of [1, 2]) {
      for (const path of paths) {
        const page = await render(path, "cached");
        if (round === 2) cached.push(page);
      }
    }
    expect(renderedWith.filter((r) => r === "cached")).toHaveLength(paths.length * 2);
    expect(cached).toEqual(remix);
  });

  it("renders this request's matches, data and errors, not those of the request that filled the cache", async () => {
    await render("/groepen/a/7", "cached");
    const meeting = await render("/groepen/x/99", "cached");
    expect(meeting.status).toBe(200);
    expect(meeting.html).toContain("<h1>Groep <!-- -->x</h1>");
    expect(meeting.html).toContain("Bijeenkomst <!-- -->99");
    expect(meeting.html).toContain("<li>Deelnemer 99a</li>");
    expect(meeting.html).toContain("Start &gt; Groep &gt; Bijeenkomst");
    expect(meeting.html).not.toContain("Deelnemer 7a");
    // The page data for the browser is in the page (single fetch: the loader data as a turbo-stream).
    expect(meeting.html).toContain("Deelnemer 99a");
    expect(meeting.html).toMatch(/<script nonce="n0nce">[^<]*streamController/);

    const missing = await render("/groepen/onbekend/3", "cached");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("Deze groep bestaat niet (<!-- -->404<!-- -->)");
    expect(missing.html).toContain("<header>Leerlijn</header>");

    const home = await render("/", "cached");
    expect(home.html).toContain("<p>Welkom</p>");
    expect(home.html).not.toContain("Deze groep bestaat niet");

    const nowhere = await render("/bestaat-niet", "cached");
    expect(nowhere.status).toBe(404);
    expect(nowhere.html).toContain("Fout in de hele app: <!-- -->404");
    expect(reported).toEqual(["404"]);
  });
});
