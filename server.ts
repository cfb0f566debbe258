/**
 * The app's server: checks the environment, migrates and (in demo mode) seeds the database,
 * then serves the Remix app. One process; no per-request logging on the hot path.
 *   npm start        build if needed, then this file in production mode with demo data
 *   npm run dev      this file with Vite's dev middleware (hot reload)
 */
import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { readConfig } from "./app/config.server";
import { setDb } from "./app/db.server";
import { langFromCookies } from "./app/i18n/i18n.server";
import type { MessageKey } from "./app/i18n/nl";
import { DEFAULT_LANG, translate } from "./app/i18n/translate";
import { REF_HEADER, REQUEST_ID_HEADER } from "./app/request-info";
import { makeRefCode } from "./app/rules/ref-code";
import { dynamicCompressionAllowed } from "./app/rules/compression";
import { contentSecurityPolicy } from "./app/rules/csp";
import { isSameOriginRequest, ONE_CLICK_UNSUBSCRIBE } from "./app/rules/origin";
import { log } from "./app/services/log.server";
import { staticFiles } from "./app/services/static-files.server";
import { createDb } from "./db/connect";
import { setupDatabase } from "./app/setup.server";
import { startMailSender } from "./app/services/mail-sender.server";
import { startMailSchedule } from "./app/services/mail-schedule.server";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

interface RequestLocals {
  requestRef: string;
  cspNonce: string | undefined;
}

function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A calm page for a request refused or failed outside Remix (before or after the app's own pages),
 * in the visitor's language, with the dictionary's words. `extra` is HTML already escaped.
 */
function sendPlainPage(
  req: Request,
  res: Response,
  status: number,
  keys: { title: MessageKey; heading: MessageKey; body: MessageKey },
  extra: (t: (key: MessageKey) => string) => string = () => "",
): void {
  langFromCookies(req.get("cookie") ?? null)
    .catch(() => DEFAULT_LANG)
    .then((lang) => {
      const t = (key: MessageKey) => escapeHtml(translate(lang, key));
      res
        .status(status)
        .type("html")
        .send(
          `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${t(keys.title)} · ${t("app.name")}</title>` +
            `<main><h1>${t(keys.heading)}</h1><p>${t(keys.body)}</p>${extra(t)}<p><a href="/">${t("error.backHome")}</a></p></main></html>`,
        );
    })
    .catch((error: unknown) =>
      log({ level: "error", event: "plain-page.failed", ref: locals(res).requestRef, method: req.method, route: req.originalUrl, error }),
    );
}

/**
 * WEB_CONCURRENCY > 1: this process starts that many app processes on the same port (Node's
 * cluster module hands out the connections) and starts a new one when one stops unexpectedly.
 * Everything they must share (sessions, limits, certificate numbers, the progress cache's version)
 * is in the database. SIGTERM or SIGINT stops them all.
 */
function superviseWorkers(count: number) {
  console.log(`Leerlijn start ${count} app-processen.`);
  let stopping = false;
  const recentExits: number[] = [];
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    recentExits.push(now);
    while (recentExits.length > 0 && recentExits[0] < now - 60_000) recentExits.shift();
    if (recentExits.length > count * 3) {
      console.error("App-processen stoppen steeds kort na de start. Leerlijn stopt; kijk in het log hierboven.");
      process.exit(1);
    }
    console.error(`App-proces ${worker.process.pid ?? "?"} stopte (${signal ?? `code ${code}`}); er start een nieuw.`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    setTimeout(() => process.exit(0), 6000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

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
  // With several processes the first one sets the database up (migrations, demo data) before it
  // starts the others, so they never race each other doing it; then it only watches over them.
  if (cluster.isPrimary) {
    const report = await setupDatabase(db, { demo: config.demo });
    if (report.migrations.length > 0) console.log(`Database bijgewerkt: ${report.migrations.join(", ")}`);
    if (report.demoSeeded) console.log("Demogegevens geladen (wachtwoord voor alle demo-accounts: leerlijn-demo).");
    if (config.processes > 1 && !dev) {
      await db.destroy();
      superviseWorkers(config.processes);
      return;
    }
  }
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

  // Every request gets a reference code (for the error page and the log) and a fresh CSP nonce.
  // Only responses that fail (5xx) are logged, so the hot path stays quiet.
  app.use((req, res, next) => {
    const started = performance.now();
    const requestRef = makeRefCode();
    req.headers[REQUEST_ID_HEADER.toLowerCase()] = randomUUID();
    Object.assign(res.locals, { requestRef, cspNonce: dev ? undefined : randomBytes(16).toString("base64") } satisfies RequestLocals);
    res.setHeader(REF_HEADER, requestRef);
    res.on("finish", () => {
      if (res.statusCode < 500) return;
      log({
        level: "error",
        event: "request.failed",
        ref: requestRef,
        method: req.method,
        route: req.originalUrl,
        status: res.statusCode,
        durationMs: performance.now() - started,
      });
    });
    next();
  });

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(locals(res).cspNonce));
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    // Behind HTTPS (secure cookies), browsers are told to use HTTPS only, for a year.
    if (config.cookieSecure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Request bodies beyond the limit are refused before anyone reads them (no form needs 2 MB).
  // A body sent in chunks has no length to check up front, and the page would read all of it
  // into memory: refused too (411). Browsers and HTTP clients send a length with every form.
  app.use((req, res, next) => {
    if (req.get("transfer-encoding") !== undefined && req.get("content-length") === undefined) {
      sendPlainPage(req, res, 411, { title: "plain.lengthRequired.title", heading: "plain.lengthRequired.heading", body: "plain.lengthRequired.body" });
      return;
    }
    const length = Number(req.get("content-length") ?? 0);
    if (length > MAX_BODY_BYTES) {
      sendPlainPage(req, res, 413, { title: "plain.tooLarge.title", heading: "plain.tooLarge.heading", body: "plain.tooLarge.body" });
      return;
    }
    next();
  });

  // Only GET, HEAD and POST (TRACE and the rest: 405, nothing runs). A download (CSV, PDF, ZIP)
  // answers GET only: its loader writes an export row to the audit log, which a HEAD must not do.
  app.use((req, res, next) => {
    const download = /\.(csv|pdf|zip)$/i.test(req.path);
    const allowed = download ? ["GET"] : ["GET", "HEAD", "POST"];
    if (allowed.includes(req.method)) return next();
    res.setHeader("Allow", allowed.join(", "));
    sendPlainPage(req, res, 405, { title: "plain.methodNotAllowed.title", heading: "plain.methodNotAllowed.heading", body: "plain.methodNotAllowed.body" });
  });

  // CSRF: a state-changing request must come from this same site. Not the one-click unsubscribe
  // (RFC 8058): a mail client posts it from elsewhere, and the key in its link is the permission.
  // Its Origin goes too, or Remix's own check would refuse the post (500).
  app.use((req, res, next) => {
    if (ONE_CLICK_UNSUBSCRIBE.test(req.path)) {
      delete req.headers.origin;
      return next();
    }
    const ok = isSameOriginRequest({
      method: req.method,
      host: (config.trustProxy ? req.get("x-forwarded-host") : undefined) ?? req.get("host") ?? null,
      origin: req.get("origin") ?? null,
      referer: req.get("referer") ?? null,
      secFetchSite: req.get("sec-fetch-site") ?? null,
    });
    if (ok) return next();
    sendPlainPage(req, res, 403, { title: "error.403.title", heading: "error.403.title", body: "error.csrf" });
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    // The build's files, each with its brotli/gzip copy when the browser takes one (Vary:
    // Accept-Encoding). Assets have a content hash in their name: cached for a year, never asked
    // again. The few files at the top of build/client (favicon): an hour. Both indexes are read
    // once here, so page requests do not each cost a file-system lookup first.
    app.use("/assets", staticFiles("build/client/assets", { maxAge: 365 * 24 * 3600 * 1000, immutable: true }));
    app.use(staticFiles("build/client", { maxAge: 3600 * 1000, topLevelOnly: true }));
    build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
  }

  // Pages, their data, JSON and CSV compressed on the fly (brotli or gzip, streaming kept: Remix
  // flushes after each chunk); PDFs and ZIPs are compressed already. Not compressed: answers to
  // form posts and the pages that hold a secret (BREACH, docs/decisions/012-compression.md).
  app.use(compression({ filter: (req, res) => dynamicCompressionAllowed(req.method, req.path) && compression.filter(req, res) }));

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
      getLoadContext: (req, res) => ({ clientIp: req.ip ?? null, requestRef: locals(res).requestRef, cspNonce: locals(res).cspNonce }),
    }),
  );

  // Anything that fails outside Remix (a static file, a broken request): a calm page with the code.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const given = Number((error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode);
    const status = given >= 400 && given < 500 ? given : 500;
    const requestRef = locals(res).requestRef;
    if (status >= 500) log({ level: "error", event: "request.error", ref: requestRef, method: req.method, route: req.originalUrl, error });
    if (res.headersSent) {
      next(error);
      return;
    }
    if (status >= 500) {
      sendPlainPage(
        req,
        res,
        status,
        { title: "error.500.title", heading: "error.500.title", body: "error.500.body" },
        (t) => `<p>${t("error.ref.label")} <strong>${escapeHtml(requestRef)}</strong></p>`,
      );
    } else {
      sendPlainPage(req, res, status, { title: "error.generic.title", heading: "error.generic.title", body: "plain.badRequest.body" });
    }
  });

  const server = app.listen(config.port, config.host, () => {
    const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
    if (cluster.isWorker && cluster.worker?.id !== 1) return;
    console.log(`Leerlijn draait op http://${shown}:${config.port} (${dev ? "ontwikkeling" : "productie"}${config.demo ? ", demo" : ""})`);
  });

  // The mail outbox's sender (issue 28): delivers queued messages in the background. Off without
  // SMTP_URL (messages are then held for the coordinator). Every app process runs one; the claim
  // of each message makes sure it goes out once (app/services/mail-outbox.server.ts).
  const mailSender = startMailSender(db);
  if (!mailSender && (!cluster.isWorker || cluster.worker?.id === 1)) {
    console.log("E-mail staat uit (geen SMTP_URL): berichten blijven bewaard voor de coördinator (/coordinator/berichten).");
  }
  // Reminders and the trainers' weekly digest (issue 28): a pass every 15 minutes, only with mail on
  // and PUBLIC_URL set (the links in them start with it; without it a warning, once). Every process
  // may run it: each message has a dedupe key, so a second pass queues nothing new.
  const mailSchedule = mailSender ? startMailSchedule(db, { warn: !cluster.isWorker || cluster.worker?.id === 1 }) : null;

  const stop = () => {
    server.close(() => {
      void Promise.all([mailSchedule?.stop(), mailSender?.stop()])
        .catch(() => undefined)
        .finally(() => void db.destroy().finally(() => process.exit(0)));
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
