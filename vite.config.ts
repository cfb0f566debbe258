import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";

/*
 * Utrecht's React library is one file that sets `Component.displayName = "…"` on each of its ~100
 * components. Rollup counts each assignment as a side effect and keeps every component, so every page
 * got all of them (213 kB). Without those lines (React DevTools then shows the forwardRef's inner
 * name) and with its packages marked free of side effects, a page gets only the components it uses.
 * docs/decisions/013-page-weight.md.
 */
function utrechtTreeShaking(): Plugin {
  return {
    name: "leerlijn:utrecht-tree-shaking",
    transform(code, id) {
      if (!/@utrecht\/component-library-react\/dist\/index\.mjs$/.test(id)) return null;
      return { code: code.replace(/^[\w$]+\.displayName = (["'])[^"']*\1;$/gm, ""), map: null };
    },
  };
}

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/*
 * In the browser build, app/i18n/translate.ts gets its dictionaries from dictionaries.client.ts (only
 * the page's language, loaded by entry.client.tsx before hydration) instead of dictionaries.ts (both,
 * for the server, scripts and tests). tests/unit/page-weight.test.ts checks the built pages.
 */
function oneDictionaryInTheBrowser(): Plugin {
  return {
    name: "leerlijn:one-dictionary-in-the-browser",
    enforce: "pre",
    resolveId(source, importer, options) {
      if (options?.ssr || source !== "./dictionaries" || !importer) return null;
      if (!/[\\/]app[\\/]i18n[\\/]translate\.ts$/.test(importer)) return null;
      return path.join(path.dirname(importer), "dictionaries.client.ts");
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    utrechtTreeShaking(),
    oneDictionaryInTheBrowser(),
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
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !/[\\/]node_modules[\\/]@utrecht[\\/][\w-]+-react[\\/]/.test(id) },
    },
  },
  // The server bundle copies objects with esbuild's helper instead of `{ ...spread }`: on Node 20
  // (V8 11.3) an object literal that starts with a spread is cloned in a way that lets the copies
  // outlive a minor garbage collection, so every page's props objects (`<input {...field} ...>`)
  // ended in the old generation and brought a full collection every few seconds (the p99 spikes
  // in docs/performance.md). With the helper they die young. Measured and when to remove it:
  // docs/decisions/007-esbuild-object-spread.md.
  esbuild: isSsrBuild ? { supported: { "object-rest-spread": false } } : {},
}));
