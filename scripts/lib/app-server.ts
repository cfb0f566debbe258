/**
 * For the load test and the benchmark: start the production build (`scripts/start.js`, which
 * builds first when needed) on a free loopback port, sign in over HTTP, and stop it again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The node command line of `npm start` (package.json: `node <options> scripts/start.js`), so that
 * the tests and the benchmarks start the app exactly as `npm start` does, with its memory limit
 * (docs/decisions/018-memory-limit.md).
 */
export function startCommand(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const match = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+scripts\/start\.js$/.exec(pkg.scripts.start.trim());
  if (!match) throw new Error(`"npm start" moet "node [opties] scripts/start.js" zijn, niet: ${pkg.scripts.start}`);
  return [...match[1].split(/\s+/).filter(Boolean), "scripts/start.js"];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts the app on `databaseUrl` and waits until /healthz answers (at most three minutes, a build included). */
export async function startServer(
  databaseUrl: string,
  logFile: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, "a");
  const [startOptions, script] = [startCommand().slice(0, -1), startCommand().at(-1)!];
  const child = spawn(process.execPath, [...startOptions, ...nodeArgs, script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, DEMO: "1", NODE_ENV: "production", ...env },
    stdio: ["ignore", log, log],
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill("SIGTERM");
  throw new Error(`De app startte niet. Log:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/**
 * The `ll_css=…` cookie pair a browser holds after its first page (the stylesheet is then in its
 * cache; docs/decisions/022-stylesheet-in-the-first-page.md), or "" when the app sets none (development).
 */
export async function stylesheetCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/login`);
  await res.arrayBuffer();
  return (
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith("ll_css="))
      ?.split(";")[0] ?? ""
  );
}

/** A Cookie header with both pairs, leaving out an empty one. */
export function withCookie(cookie: string, extra: string): string {
  return [cookie, extra].filter(Boolean).join("; ");
}

/** Signs in through the login form; returns the `leerlijn_session=…` cookie pair. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email, password, redirectTo: "" }),
    redirect: "manual",
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("leerlijn_session="));
  if (res.status !== 302 || !cookie) throw new Error(`Inloggen mislukt voor ${email}: HTTP ${res.status}`);
  return cookie.split(";")[0];
}
