/**
 * patches/@remix-run+router+*.patch (applied by `npm install`, see patches/README.md and
 * docs/decisions/015-route-matching.md): the server's copy of React Router's matcher (the CommonJS
 * build, which Node loads for Remix on the server) keeps a route tree's ranked branches and tries
 * only the branches that can match the path's first segment. The browser's copy (the ES module
 * build, bundled by Vite) is left as npm ships it, so it serves here as the reference: for the app's
 * real route tree and for trees with the awkward cases, both must give the same matches.
 */
import * as patched from "@remix-run/router";
// The ES module build: not patched (compiled for this test by jest.config.js).
import * as upstream from "@remix-run/router/dist/router.js";
import { appRouteTree, type RouteNode as Route } from "../../scripts/lib/app-routes";

type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route };
type MatchFn = (routes: Route[], location: string, basename?: string) => Match[] | null;

const matchPatched = patched.matchRoutes as unknown as MatchFn;
const matchUpstream = (upstream as unknown as { matchRoutes: MatchFn }).matchRoutes;

/** Every route's full pattern, with its parameters filled in several ways. */
function pathsFor(routes: Route[], parent = ""): string[] {
  const out: string[] = [];
  for (const route of routes) {
    const full = [parent, route.path ?? ""].filter(Boolean).join("/");
    const filled = ["12", "abc", "x%2Fy", "één", "A-B_c.d~e"].map((value) => "/" + full.replace(/:[\w-]+\??/g, value).replace(/\*$/, "een/twee"));
    out.push(...filled, "/" + full.toUpperCase(), "/" + full + "/", "//" + full, "/" + full + "/extra", "/" + full.replace(/\/[^/]*$/, ""));
    if (route.children) out.push(...pathsFor(route.children, full));
  }
  return out;
}

function same(routes: Route[], pathnames: string[], basename?: string) {
  for (const pathname of pathnames) {
    const ours = matchPatched(routes, pathname, basename);
    const theirs = matchUpstream(routes, pathname, basename);
    const shape = (matches: Match[] | null) =>
      matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase })) ?? null;
    expect({ pathname, matches: shape(ours) }).toEqual({ pathname, matches: shape(theirs) });
  }
}

const EXTRA_PATHS = [
  "/",
  "",
  "deelnemer",
  "/%",
  "/DEELNEMER/pop",
  "/deelnemer//pop",
  "/groepen/1/bijeenkomsten/2/aanwezigheid",
  "/nergens",
  "/verify/ABC-123",
  "/certificaten/5/certificaat.pdf",
  "/ß",
  "/K",
];

describe("route matching on the server (patched) matches like React Router itself", () => {
  // React Router warns about the malformed "/%" path and the odd patterns on purpose: not ours to show.
  beforeEach(() => jest.spyOn(console, "warn").mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it("gives the same matches for every route of the app, with parameters, case, slashes and unknown paths", () => {
    const routes = appRouteTree("app");
    const pathnames = [...new Set([...pathsFor(routes), ...EXTRA_PATHS])];
    expect(pathnames.length).toBeGreaterThan(400);
    same(routes, pathnames);
    // A second time: now from the kept branches and compiled patterns.
    same(routes, pathnames);
  });

  it("gives the same matches for the awkward trees: case-sensitive, optional and absolute paths, splats, index routes, a basename", () => {
    const routes: Route[] = [
      {
        id: "root",
        path: "",
        children: [
          { id: "index", index: true },
          { id: "Exact", path: "Exact", caseSensitive: true },
          { id: "exact-any", path: "exact" },
          { id: "opt", path: "taal?/over" },
          { id: "opt-param", path: "boek/:hoofdstuk?" },
          { id: "layout", children: [{ id: "in-layout", path: "binnen/:id" }] },
          {
            id: "abs",
            path: "/abs",
            children: [
              { id: "abs-child", path: "/abs/kind" },
              { id: "abs-index", index: true },
            ],
          },
          { id: "dotted", path: "bestand.pdf" },
          { id: "dash", path: "a-b/*" },
          { id: "param-first", path: ":lang/home" },
          { id: "odd", path: "a+b/c" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const pathnames = [
      "/",
      "/Exact",
      "/exact",
      "/EXACT",
      "/taal/over",
      "/over",
      "/boek",
      "/boek/3",
      "/binnen/9",
      "/abs",
      "/abs/kind",
      "/ABS/KIND",
      "/bestand.pdf",
      "/bestandxpdf",
      "/a-b",
      "/a-b/c/d",
      "/nl/home",
      "/a+b/c",
      "/ab/c",
      "/iets/anders",
      "//abs",
      "/abs//kind",
    ];
    same(routes, pathnames);
    same(
      routes,
      pathnames.map((p) => "/app" + p),
      "/app",
    );
  });

  it("is the patched copy (a tree changed in place keeps the branches it had at its first match)", () => {
    const routes: Route[] = [{ id: "root", path: "", children: [{ id: "a", path: "a" }] }];
    expect(matchPatched(routes, "/b")).toBeNull();
    routes[0].children!.push({ id: "b", path: "b" });
    // React Router itself flattens the tree on every match and finds the new route; the patched
    // copy does not (the server's route tree never changes while it is loaded).
    expect(matchUpstream(routes, "/b")?.map((m) => m.route.id)).toEqual(["root", "b"]);
    expect(matchPatched(routes, "/b")).toBeNull();
  });
});
