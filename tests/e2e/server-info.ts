import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where the e2e global setup tells the tests which server to use: one file per checkout, so two
 * checkouts on one machine can run their e2e tests at the same time.
 */
const checkout = createHash("sha256").update(path.resolve(__dirname, "../..")).digest("hex").slice(0, 12);
export const SERVER_INFO_FILE = path.join(os.tmpdir(), `leerlijn-e2e-server-${checkout}.json`);

export interface ServerInfo {
  url: string;
  pid: number;
  dbFile: string;
  logFile: string;
}

export function readServerInfo(): ServerInfo {
  return JSON.parse(fs.readFileSync(SERVER_INFO_FILE, "utf8")) as ServerInfo;
}
