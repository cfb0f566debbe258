import path from "node:path";
import { UNSAFE_flatRoutes } from "@remix-run/dev";

export type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteNode[] };

/** The app's route tree as Remix builds it from `app/routes` (the root on top), a new tree on every call. */
export function appRouteTree(appDirectory: string): RouteNode[] {
  const manifest = UNSAFE_flatRoutes(path.resolve(appDirectory), ["**/.*"]) as Record<
    string,
    { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
  >;
  const childrenOf = (parentId: string): RouteNode[] =>
    Object.values(manifest)
      .filter((route) => (route.parentId ?? "root") === parentId)
      .map((route) => ({ id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive, children: childrenOf(route.id) }));
  return [{ id: "root", path: "", children: childrenOf("root") }];
}
