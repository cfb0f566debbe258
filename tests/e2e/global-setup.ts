import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startCommand } from "../../scripts/lib/app-server";
import { SERVER_INFO_FILE, type ServerInfo } from "./server-info";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts the real app the way the README does (npm start → scripts/start.js) on a fresh SQLite file. */
export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync("/usr/bin/chromium") && !process.env.CHROMIUM_PATH) {
    throw new Error("Chromium ontbreekt: voer eerst `bash scripts/install-browser.sh` uit.");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-e2e-"));
  const dbFile = path.join(dir, "leerlijn.sqlite");
  const logFile = path.join(dir, "server.log");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, startCommand(), {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: dbFile, DEMO: "1", NODE_ENV: "production", LEERLIJN_TEST_ROUTES: "1" },
    stdio: ["ignore", log, log],
    detached: true,
  });
  child.unref();
  const info: ServerInfo = { url, pid: child.pid ?? 0, dbFile, logFile };
  fs.writeFileSync(SERVER_INFO_FILE, JSON.stringify(info));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`De app startte niet binnen 120 s. Log:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
}
