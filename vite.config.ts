import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import { en } from "./app/i18n/en";
import { nl } from "./app/i18n/nl";
import { publicMessageKeys } from "./scripts/lib/public-words";

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
      if (options?.ssr || !importer || !/(?:^|\/)(?:\.\/|i18n\/)dictionaries$/.test(source)) return null;
      const target = path.resolve(path.dirname(importer), source);
      if (!/[\\/]app[\\/]i18n[\\/]dictionaries$/.test(target)) return null;
      return `${target}.client.ts`;
    },
  };
}

/*
 * The words a participant's or visitor's browser gets: `virtual:ll-words/nl` and `/en` are the
 * dictionaries without the words only staff pages use (scripts/lib/public-words.ts reads which from
 * the source). Staff browsers load the whole dictionary (app/i18n/dictionaries.client.ts). The dev
 * server serves the whole dictionary under both names.
 */
function wordsPerAudience(): Plugin {
  const PREFIX = "virtual:ll-words/";
  let serve = false;
  let publicKeys: Set<string> | null = null;
  return {
    name: "leerlijn:words-per-audience",
    configResolved(config) {
      serve = config.command === "serve";
    },
    resolveId(source) {
      return source.startsWith(PREFIX) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const dictionary: Record<string, string> = id.endsWith("/en") ? en : nl;
      if (serve) return `export default ${JSON.stringify(dictionary)};`;
      publicKeys ??= publicMessageKeys(path.resolve(__dirname, "app"), Object.keys(nl));
      const words = Object.fromEntries(Object.entries(dictionary).filter(([k]) => publicKeys!.has(k)));
      return `export default ${JSON.stringify(words)};`;
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    utrechtTreeShaking(),
    oneDictionaryInTheBrowser(),
    wordsPerAudience(),
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
