/**
 * For `npm run bench`: the reference a page is compared with, a stock Remix 2.17.5 app as the
 * Remix template makes it (one trivial route; a root with <Meta>, <Links>, <ScrollRestoration> and
 * <Scripts>; served by @remix-run/express with express), built in a temporary directory in the
 * same run. It must be UNPATCHED: this repository patches @remix-run/server-runtime and
 * @remix-run/router (patches/), so the reference gets every patched package as npm publishes it
 * (`npm pack`, from the npm cache when it is there) and copies of the other @remix-run packages
 * next to them, so that they resolve those pristine copies and not the patched ones. Everything else (react, react-dom, express, vite, …) is a
 * symlink to this project's node_modules, which are unpatched.
 *
 * Differences from the template, all of them on the template's side of the scale: no `morgan`
 * request log (a line per request on stdout), no `compression` (autocannon asks for none), and
 * the entry.server always takes the template's browser path (autocannon is no bot; the template
 * asks `isbot`, which is not installed here).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort, PROJECT_ROOT } from "./app-server";

export const STOCK_REMIX_VERSION = "2.17.5";

/** Packages outside @remix-run that load a patched one (@remix-run/router): copied, not linked. */
const COPIED = ["react-router", "react-router-dom"];

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "stock-remix-reference", private: true, type: "module", sideEffects: false }, null, 2),
  "vite.config.js": `import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

export default defineConfig({
  logLevel: "warn",
  plugins: [
    remix({
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    }),
  ],
});
`,
  "app/root.tsx": `import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";

export function Layout({ children }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}
`,
  "app/routes/_index.tsx": `export const meta = () => [{ title: "New Remix App" }, { name: "description", content: "Welcome to Remix!" }];

export default function Index() {
  return (
    <main>
      <h1>Welcome to Remix</h1>
      <p>A stock Remix app: the benchmark's reference.</p>
    </main>
  );
}
`,
  // The template's entry.server (handleBrowserRequest), without the isbot switch.
  "app/entry.server.tsx": `import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";

const ABORT_DELAY = 5_000;

export default function handleRequest(request, responseStatusCode, responseHeaders, remixContext) {
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
      onShellReady() {
        shellRendered = true;
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
`,
  // The template's server.js (production part); WEB_CONCURRENCY=n starts n processes the way the
  // app does (node:cluster), so the two-process column compares like with like.
  "server.js": `import cluster from "node:cluster";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

const processes = Number(process.env.WEB_CONCURRENCY ?? 1);
if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    process.exit(0);
  });
} else {
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build: await import("./build/server/index.js") }));
  app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("stock remix ready"));
}
`,
};

const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/**
 * The packages this project patches (patches/<scope>+<name>+<version>.patch, applied by
 * patch-package), each with the files its patch changes and the package that loads it on the server.
 */
function projectPatches(): { name: string; version: string; files: string[]; loadedBy: string[] }[] {
  const dir = path.join(PROJECT_ROOT, "patches");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".patch"))
    .map((f) => {
      const [scope, pkg, version] = f.replace(/\.patch$/, "").split("+");
      const name = `${scope}/${pkg}`;
      if (!scope.startsWith("@remix-run") || !version)
        throw new Error(`Onbekende patch ${f}: de referentie kan alleen @remix-run-pakketten ongepatcht neerzetten`);
      const prefix = `a/node_modules/${name}/`;
      const files = [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/^diff --git (\S+)/gm)]
        .map((m) => m[1])
        .filter((file) => file.startsWith(prefix))
        .map((file) => file.slice(prefix.length));
      if (files.length === 0) throw new Error(`De patch ${f} verandert geen bestand van ${name}`);
      return { name, version, files, loadedBy: name === "@remix-run/server-runtime" ? ["@remix-run/node"] : ["@remix-run/server-runtime", ...COPIED] };
    });
}

/** Every file below `dir`, relative, sorted. */
function filesBelow(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesBelow(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

/**
 * Builds the stock app in `dir` (about 10–20 s). Returns a description of how it checked that the
 * server runtime is unpatched: every file equals the published package, the file this repository
 * patches differs from the repository's copy, and the runtime resolves this copy.
 */
export function buildStockRemix(dir: string): { verified: string } {
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const modules = path.join(dir, "node_modules");
  const ours = fs.realpathSync(path.join(PROJECT_ROOT, "node_modules"));
  fs.mkdirSync(path.join(modules, "@remix-run"), { recursive: true });
  for (const entry of fs.readdirSync(ours)) {
    if (entry === "@remix-run" || entry === ".bin" || entry.startsWith(".")) continue;
    // React Router loads @remix-run/router too: copied, so it resolves the pristine copy below.
    if (COPIED.includes(entry)) fs.cpSync(path.join(ours, entry), path.join(modules, entry), { recursive: true, dereference: true });
    else fs.symlinkSync(path.join(ours, entry), path.join(modules, entry));
  }
  // The @remix-run packages are copied (a symlink would resolve their imports from the project's
  // node_modules, i.e. the patched copies); every package this project patches comes from its
  // published tarball instead.
  const patchedPackages = projectPatches();
  for (const pkg of fs.readdirSync(path.join(ours, "@remix-run"))) {
    if (patchedPackages.some((p) => p.name === `@remix-run/${pkg}`)) continue;
    fs.cpSync(path.join(ours, "@remix-run", pkg), path.join(modules, "@remix-run", pkg), { recursive: true, dereference: true });
  }
  const packDir = path.join(dir, "pack");
  fs.mkdirSync(packDir);
  const verified: string[] = [];
  for (const patch of patchedPackages) {
    const before = new Set(fs.readdirSync(packDir));
    const pack = spawnSync("npm", ["pack", `${patch.name}@${patch.version}`, "--prefer-offline", "--silent", "--pack-destination", packDir], {
      cwd: dir,
      encoding: "utf8",
    });
    const tarball = fs.readdirSync(packDir).find((f) => f.endsWith(".tgz") && !before.has(f));
    if (pack.status !== 0 || !tarball) throw new Error(`npm pack ${patch.name}@${patch.version} mislukte:\n${pack.stderr}`);
    const target = path.join(modules, patch.name);
    if (fs.existsSync(target)) throw new Error(`${patch.name} staat al in de referentie: alleen @remix-run-pakketten kunnen hier ongepatcht worden neergezet`);
    fs.mkdirSync(target, { recursive: true });
    const untar = spawnSync("tar", ["-xzf", path.join(packDir, tarball), "-C", target, "--strip-components=1"], { encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`Uitpakken mislukte: ${untar.stderr}`);

    // Verify: the copy equals the tarball file by file (unpacked once more, separately)…
    const check = path.join(packDir, `check-${tarball}`);
    fs.mkdirSync(check);
    spawnSync("tar", ["-xzf", path.join(packDir, tarball), "-C", check, "--strip-components=1"]);
    const files = filesBelow(check);
    const differing = files.filter((f) => sha(path.join(check, f)) !== sha(path.join(target, f)));
    if (differing.length > 0 || filesBelow(target).length !== files.length)
      throw new Error(`De referentiekopie van ${patch.name} wijkt af van het npm-pakket: ${differing.join(", ")}`);
    // …every file the patch changes differs from this project's copy (else the check proves nothing)…
    for (const file of patch.files) {
      if (sha(path.join(target, file)) === sha(path.join(ours, patch.name, file)))
        throw new Error(
          `${patch.name}/${file} van de referentie is gelijk aan die van het project: is de patch wel toegepast, of is dit niet het gepubliceerde pakket?`,
        );
    }
    // …and the packages that load it on the server resolve this copy, not the project's.
    for (const loader of patch.loadedBy) {
      const resolved = spawnSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { createRequire } from "node:module"; const r = createRequire(${JSON.stringify(path.join(modules, loader, "package.json"))}); console.log(r.resolve(${JSON.stringify(patch.name)}));`,
        ],
        { cwd: dir, encoding: "utf8" },
      ).stdout.trim();
      if (!resolved.startsWith(fs.realpathSync(target))) throw new Error(`${loader} laadt ${resolved} in plaats van de ongepatchte kopie`);
    }
    verified.push(
      `${patch.name}: ${files.length} bestanden gelijk aan ${tarball}, ${patch.files.join(" en ")} anders dan de gepatchte kopie van het project, ${patch.loadedBy} laadt deze kopie`,
    );
  }

  const build = spawnSync(process.execPath, [path.join(modules, "@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error(`Het bouwen van de stock Remix-app mislukte:\n${build.stdout}\n${build.stderr}`);
  return { verified: verified.join("; ") };
}

/** Starts the stock app (WEB_CONCURRENCY=`processes`) and waits until it answers. */
export async function startStockRemix(dir: string, processes: number, logFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, ["server.js"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), NODE_ENV: "production", WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", log, log],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/`);
      if (res.ok && (await res.text()).includes("Welcome to Remix")) return { url, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGTERM");
  throw new Error(`De stock Remix-app startte niet. Log:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
}
