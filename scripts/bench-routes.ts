/**
 * npm run bench:routes: what matching a URL against the app's route tree costs, with the server's
 * patched copy of React Router's matcher (patches/@remix-run+router+*.patch) and with the copy npm
 * ships (the ES module build, which the patch leaves alone). Remix matches every page request about
 * three times (the request handler, the data query, the render). Not a test: it prints microseconds
 * per match. See docs/decisions/017-route-matching.md.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as patched from "@remix-run/router";
import { appRouteTree, type RouteNode as Route } from "./lib/app-routes";
import { PROJECT_ROOT } from "./lib/app-server";

type MatchFn = (routes: Route[], location: string) => unknown;

const upstream = (await import(path.join(PROJECT_ROOT, "node_modules/@remix-run/router/dist/router.js"))) as { matchRoutes: MatchFn };
const PATHS = [
  "/deelnemer",
  "/groepen/12/voortgang",
  "/groepen/12/bijeenkomsten/5/aanwezigheid",
  "/examinator",
  "/coordinator/rapportage",
  "/verify/ABC-123",
  "/bench/kaal",
  "/nergens/heen",
];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const N = Number(process.env.BENCH_MATCHES ?? 5000);

function perMatch(match: MatchFn): number {
  // A fresh tree per measurement, as a new build would be; the first match is included in the mean.
  const routes = appRouteTree(path.join(PROJECT_ROOT, "app"));
  const t0 = performance.now();
  for (let i = 0; i < N; i++) match(routes, PATHS[i % PATHS.length]);
  return ((performance.now() - t0) * 1000) / N;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ours: number[] = [];
const theirs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  theirs.push(perMatch(upstream.matchRoutes));
  ours.push(perMatch(patched.matchRoutes as unknown as MatchFn));
}
console.log(`${countRoutes(appRouteTree(path.join(PROJECT_ROOT, "app")))} routes, ${N} matches per round, ${ROUNDS} rounds (median)`);
console.log(`React Router as npm ships it: ${median(theirs).toFixed(1)} µs per match`);
console.log(`patched (server):             ${median(ours).toFixed(1)} µs per match`);

function countRoutes(routes: Route[]): number {
  return routes.reduce((n, r) => n + 1 + countRoutes(r.children ?? []), 0);
}
