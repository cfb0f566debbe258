import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      ignoredRouteFiles: ["**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        // Off: with it, every page render matched the route tree once per path segment to build a
        // partial manifest (a tenth of a page's CPU). The full manifest is one cached asset instead.
        v3_lazyRouteDiscovery: false,
      },
    }),
  ],
  ssr: {
    external: ["better-sqlite3", "pg", "pdfkit"],
    noExternal: [/^@utrecht\//],
  },
  build: {
    target: "es2022",
  },
});
