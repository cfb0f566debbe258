/**
 * The app's server: checks the environment, migrates and (in demo mode) seeds the database,
 * then serves the Remix app. One process; no per-request logging on the hot path.
 *   npm start        build if needed, then this file in production mode with demo data
 *   npm run dev      this file with Vite's dev middleware (hot reload)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { readConfig } from "./app/config.server";
import { setDb } from "./app/db.server";
import { isSameOriginRequest } from "./app/rules/origin";
import { createDb } from "./db/connect";
import { setupDatabase } from "./db/setup";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

async function main() {
  const dev = process.argv.includes("--dev");
  let config;
  try {
    config = readConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  const db = createDb(config.databaseUrl);
  setDb(db);
  const report = await setupDatabase(db, { demo: config.demo });
  if (report.migrations.length > 0) console.log(`Database bijgewerkt: ${report.migrations.join(", ")}`);
  if (report.demoSeeded) console.log("Demogegevens geladen (wachtwoord voor alle demo-accounts: leerlijn-demo).");
  const anyone = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (!anyone) {
    console.log(
      "Er zijn nog geen gebruikers. Maak de eerste coördinator aan met:\n" +
        '  npm run user:create -- --email naam@organisatie.nl --name "Naam" --role coordinator',
    );
  }

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Content-Security-Policy", "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    next();
  });

  // Request bodies beyond the limit are refused before anyone reads them (no form needs 2 MB).
  app.use((req, res, next) => {
    const length = Number(req.get("content-length") ?? 0);
    if (length > MAX_BODY_BYTES) {
      res
        .status(413)
        .type("html")
        .send(
          '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Te groot · Leerlijn Buurtteams</title>' +
            "<main><h1>Dit is te groot</h1><p>Wat u verstuurde is groter dan 2 MB. Er is niets verwerkt.</p>" +
            '<p><a href="/">Naar de startpagina</a></p></main></html>',
        );
      return;
    }
    next();
  });

  // CSRF: a state-changing request must come from this same site.
  app.use((req, res, next) => {
    const ok = isSameOriginRequest({
      method: req.method,
      host: (config.trustProxy ? req.get("x-forwarded-host") : undefined) ?? req.get("host") ?? null,
      origin: req.get("origin") ?? null,
      referer: req.get("referer") ?? null,
      secFetchSite: req.get("sec-fetch-site") ?? null,
    });
    if (ok) return next();
    res
      .status(403)
      .type("html")
      .send(
        '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Geen toegang · Leerlijn Buurtteams</title>' +
          "<main><h1>Geen toegang</h1><p>Dit formulier kwam niet van deze website. Daarom is het niet verwerkt.</p>" +
          '<p><a href="/">Naar de startpagina</a></p></main></html>',
      );
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    app.use("/assets", express.static(path.resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.resolve("build/client"), { maxAge: "1h" }));
    build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
  }

  // Pages hold personal data: not kept by browsers or proxies unless a route says otherwise.
  app.use((req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (req) => ({ clientIp: req.ip ?? null }),
    }),
  );

  const server = app.listen(config.port, config.host, () => {
    const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
    console.log(`Leerlijn draait op http://${shown}:${config.port} (${dev ? "ontwikkeling" : "productie"}${config.demo ? ", demo" : ""})`);
  });

  const stop = () => {
    server.close(() => {
      void db.destroy().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("De app kon niet starten:", error instanceof Error ? error.message : error);
  process.exit(1);
});
